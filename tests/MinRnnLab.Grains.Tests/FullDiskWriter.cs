using TorchSharp.Modules;
using MinRnnLab.Models;
using MinRnnLab.Training.Checkpoints;

namespace MinRnnLab.Grains.Tests;

/// <summary>
/// Writes checkpoints to disk until the disk "fills" (once, after a given number of saves): from
/// then on every save and probe throws what Linux reports for ENOSPC, until <see cref="Free"/>.
/// </summary>
public sealed class FullDiskWriter(int fillAfterSaves = int.MaxValue) : ICheckpointWriter
{
    private const int Enospc = 28;
    private int saves;
    private volatile bool full;

    /// <summary>Saves and probes refused while full.</summary>
    public int Refused { get; private set; }

    public void Free() => full = false;

    public void Save(string folder, LanguageModel model, OptimizerHelper optimizer, CheckpointState state)
    {
        if (Interlocked.Increment(ref saves) == fillAfterSaves + 1)
            full = true;                                                                // once: Free() empties it for good
        ThrowWhenFull(folder);
        DiskCheckpointWriter.Instance.Save(folder, model, optimizer, state);
    }

    public void Probe(string folder, long bytes)
    {
        ThrowWhenFull(folder);
        DiskCheckpointWriter.Instance.Probe(folder, bytes);
    }

    private void ThrowWhenFull(string folder)
    {
        if (!full)
            return;
        Refused++;
        throw new IOException($"No space left on device : '{folder}.tmp'", Enospc);
    }
}
