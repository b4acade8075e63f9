using TorchSharp.Modules;
using MinRnnLab.Models;
using MinRnnLab.Training.Checkpoints;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// Writes checkpoints to disk until the disk "fills" (once, after a given number of saves of a run's latest checkpoint):
/// from then on every save and probe throws what Linux reports for ENOSPC, until <see cref="Free"/>. Saves of the best
/// checkpoint (BestCheckpoint) are not counted: when they happen depends on the loss curve, not on the step.
/// </summary>
public sealed class FullDiskWriter(int fillAfterSaves = int.MaxValue) : ICheckpointWriter
{
    /// <summary>The platform's name for a run's latest checkpoint folder (LabPaths.CheckpointFolder).</summary>
    private const string LatestFolderName = "checkpoint";

    private const int Enospc = 28;
    private int saves;
    private volatile bool full;

    /// <summary>Saves and probes refused while full.</summary>
    public int Refused { get; private set; }

    public void Free() => full = false;

    public void Save(string folder, LanguageModel model, OptimizerHelper optimizer, CheckpointState state)
    {
        if (Path.GetFileName(folder) == LatestFolderName && Interlocked.Increment(ref saves) == fillAfterSaves + 1)
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
