using TorchSharp.Modules;
using MinRnnLab.Models;

namespace MinRnnLab.Training.Checkpoints;

/// <summary>
/// Where a trainer's checkpoints are written. The seam where a full disk is met: the platform waits it out with
/// <see cref="Probe"/>, and tests make storage fail without filling a real disk.
/// </summary>
public interface ICheckpointWriter
{
    void Save(string folder, LanguageModel model, OptimizerHelper optimizer, CheckpointState state);

    /// <summary>Throws the storage's own error (e.g. IOException "No space left on device") while <paramref name="bytes"/> cannot be written beside <paramref name="folder"/>.</summary>
    void Probe(string folder, long bytes);
}

/// <summary>Checkpoints on the local file system, through <see cref="CheckpointStore"/>.</summary>
public sealed class DiskCheckpointWriter : ICheckpointWriter
{
    public static readonly DiskCheckpointWriter Instance = new();

    public void Save(string folder, LanguageModel model, OptimizerHelper optimizer, CheckpointState state) =>
        CheckpointStore.Save(folder, model, optimizer, state);

    public void Probe(string folder, long bytes)
    {
        var full = Path.GetFullPath(folder);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // Preallocation reserves the blocks (posix_fallocate), so it fails exactly when a checkpoint this size would;
        // a sparse or empty probe file would succeed on a full disk.
        using var _ = new FileStream($"{full}.probe-{Guid.NewGuid():N}", new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, PreallocationSize = Math.Max(1, bytes), Options = FileOptions.DeleteOnClose,
        });
    }
}
