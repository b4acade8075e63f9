using MinRnnLab.Abstractions;

namespace MinRnnLab.Client;

/// <summary>A run's files, read on a silo that holds the artifacts folder: this process needs no access to it.</summary>
public sealed partial class LabClient
{
    private IArtifactGrain Artifacts => Cluster.GetGrain<IArtifactGrain>(0);

    /// <summary>
    /// The run's checkpoints on disk: its best (once it has one) and its latest, each with its <see cref="CheckpointInfo.Kind"/>;
    /// empty when none yet, null for an unknown run.
    /// </summary>
    public Task<CheckpointInfo[]?> ListCheckpointsAsync(string runId) => Artifacts.ListCheckpoints(runId);

    /// <summary>
    /// The prompt followed by <paramref name="tokens"/> characters sampled from the run's best checkpoint (the paper
    /// reports the best loss; a run without one uses its latest), or from its latest with
    /// <paramref name="checkpoint"/> <see cref="CheckpointKind.Latest"/>; null for an unknown run. Throws
    /// ArgumentException for a request out of bounds (<see cref="SampleRequest"/>) and InvalidOperationException when
    /// the run has no checkpoint yet.
    /// </summary>
    public Task<string?> SampleAsync(string runId, string prompt, int tokens = 300, double temperature = 0.8, long seed = 1337, int topK = 50,
        CheckpointKind checkpoint = CheckpointKind.Best) =>
        Artifacts.Sample(runId, new SampleRequest(prompt, tokens, temperature, topK, seed, checkpoint));

    /// <summary>The last <paramref name="lines"/> lines (at most 5,000) of the run's log; empty when none yet, null for an unknown run.</summary>
    public Task<string[]?> ReadLogTailAsync(string runId, int lines = 500) => Artifacts.ReadLogTail(runId, lines);
}
