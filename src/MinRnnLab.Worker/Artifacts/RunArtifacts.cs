using MinRnnLab.Abstractions;
using MinRnnLab.Storage;
using MinRnnLab.Training.Checkpoints;
using MinRnnLab.Training.Sampling;

namespace MinRnnLab.Worker.Artifacts;

/// <summary>
/// This silo's reads of a run's files in the artifacts folder: its checkpoints, text sampled from one, its log. One
/// per silo; the file work runs on the thread pool, off the grain scheduler (a sample takes about a second on a CPU).
/// </summary>
public sealed class RunArtifacts(LabPaths paths)
{
    // One model in memory at a time per silo: sampling shares the CPU with the training slots.
    private readonly SemaphoreSlim sampling = new(1, 1);

    /// <summary>The best checkpoint first (it is never the newer one in a run that did not crash between the saves), then the latest.</summary>
    public Task<CheckpointInfo[]> ListCheckpointsAsync(string runId) => Task.Run(() =>
    {
        var latest = paths.CheckpointFolder(runId);
        return new[] { (Folder: BestCheckpoint.FolderBeside(latest), Kind: CheckpointKind.Best), (Folder: latest, Kind: CheckpointKind.Latest) }
            .Select(c => CheckpointStore.Describe(c.Folder) is { } found ? new CheckpointInfo(found.Step, found.WrittenAt, found.Bytes, c.Kind) : null)
            .OfType<CheckpointInfo>().ToArray();
    });

    /// <summary>Throws InvalidOperationException when the run has no checkpoint yet, ArgumentException for a prompt the model cannot read.</summary>
    public async Task<string> SampleAsync(string runId, SampleRequest request)
    {
        // A run stored before best checkpoints were kept, or whose loss never beat step 0's, has only its latest.
        var folder = BestCheckpoint.Choose(paths.CheckpointFolder(runId), preferBest: request.Checkpoint == CheckpointKind.Best);
        if (CheckpointStore.Find(folder) is null)
            throw new InvalidOperationException($"run '{runId}' has no checkpoint yet");
        await sampling.WaitAsync();
        try
        {
            return await Task.Run(() =>
            {
                var sampler = TextSampler.FromCheckpoint(folder);
                using var model = sampler.Model;
                return sampler.Sample(request.Prompt, request.Length, request.Temperature,
                    request.TopK > 0 ? request.TopK : null, request.Seed);
            });
        }
        finally
        {
            sampling.Release();
        }
    }

    public Task<string[]> ReadLogTailAsync(string runId, int lines) => Task.Run(() => RunLog.Tail(paths.RunLogFile(runId), lines));
}
