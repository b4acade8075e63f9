using MinRnnLab.Abstractions;
using MinRnnLab.Sweeps;
using MinRnnLab.Sweeps.Importance;

namespace MinRnnLab.Client;

/// <summary>
/// What a reader of the platform uses of <see cref="LabClient"/>: the sweep and run grains, and the reads that span
/// many grains. LabClient implements it as it is; it exists so that a page or a service can be tested against a fake
/// platform (the web's component tests) without a cluster. Everything here is a member LabClient documents.
/// </summary>
public interface ILabClient
{
    ISweepGrain Sweep(string sweepId);
    IRunGrain Run(string runId);

    Task<SweepStatus[]> ListSweepsAsync();
    Task<RunRow[]> ListRunsAsync();
    Task<ClusterView> GetClusterViewAsync();

    Task<SubmitResult> SubmitSweepAsync(string yaml, string fileName);

    Task<ImportanceReport?> GetImportanceAsync(string sweepId);
    Task<MetricSeries[]> GetCurvesAsync(IEnumerable<string> runIds, IEnumerable<string> names, int maxPoints);

    IAsyncEnumerable<RunProgress> WatchRunAsync(string runId, CancellationToken cancel = default);
    IAsyncEnumerable<RunProgress> WatchSweepAsync(string sweepId, CancellationToken cancel = default);

    Task<string?> SampleAsync(string runId, string prompt, int tokens = 300, double temperature = 0.8, long seed = 1337, int topK = 50,
        CheckpointKind checkpoint = CheckpointKind.Best);
    Task<CheckpointInfo[]?> ListCheckpointsAsync(string runId);
    Task<string[]?> ReadLogTailAsync(string runId, int lines = 500);
}
