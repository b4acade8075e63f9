using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Sweeps.Importance;

namespace MinRnnLab.Web.Services;

/// <summary>
/// Everything the pages need from the platform. Components use only this, never grains, so they can be
/// tested with a fake and the cluster can be co-hosted or remote.
/// </summary>
public interface ILabService
{
    Task<OverviewSnapshot> GetOverviewAsync();
    Task<SweepStatus[]> ListSweepsAsync();

    /// <summary>Every run of every sweep with its summary (the Runs page's rows), newest sweep first.</summary>
    Task<RunRow[]> ListRunsAsync();

    /// <summary>The sweep's status; null when there is no such sweep (likewise for every sweep and run read below).</summary>
    Task<SweepStatus?> GetSweepAsync(string sweepId);
    Task<TrialInfo[]?> GetTrialsAsync(string sweepId);
    Task<string?> GetSweepFileAsync(string sweepId);

    /// <summary>The sweep's trials without a run yet: the next ones (at most <paramref name="limit"/>) when the file fixes them, else a count.</summary>
    Task<SweepPlan?> GetPlanAsync(string sweepId, int limit);

    /// <summary>Validates and submits; on errors nothing is stored and the errors come back.</summary>
    Task<SubmitResult> SubmitSweepAsync(string yaml, string fileName);

    /// <summary>Cancel, pause, resume: the status afterwards, or null (nothing stored) when there is no such sweep.</summary>
    Task<SweepStatus?> CancelSweepAsync(string sweepId);
    Task<SweepStatus?> PauseSweepAsync(string sweepId);
    Task<SweepStatus?> ResumeSweepAsync(string sweepId);

    /// <summary>
    /// Hyperparameter importance (fANOVA) over the sweep's succeeded trials; its Reason says why there are no bars
    /// (too few trials); null for an unknown sweep.
    /// </summary>
    Task<ImportanceReport?> GetImportanceAsync(string sweepId);

    /// <summary>
    /// Applies <paramref name="edit"/> to the sweep's name, tags and notes: the labels as stored afterwards, or null when
    /// there is no such sweep. ArgumentException names a bad tag, note or name (nothing stored).
    /// </summary>
    Task<Labels?> EditSweepLabelsAsync(string sweepId, LabelEdit edit);

    /// <summary>As <see cref="EditSweepLabelsAsync"/>, for a run.</summary>
    Task<Labels?> EditRunLabelsAsync(string runId, LabelEdit edit);

    /// <summary>Deletes the sweep (its running trials cancelled first): what was removed, or null when there is no such sweep.</summary>
    Task<DeleteResult?> DeleteSweepAsync(string sweepId);

    /// <summary>Deletes the run ("sweep/trial"), stopping it first; its sweep goes on. Null when there is no such run.</summary>
    Task<DeleteResult?> DeleteRunAsync(string runId);

    Task<RunStatus?> GetRunAsync(string runId);
    Task<RunSpec?> GetRunSpecAsync(string runId);

    /// <summary>
    /// The loss curves (validation and training) of these runs, each thinned on the server to at most
    /// <paramref name="maxPointsPerCurve"/> points: a sweep of hundreds of long runs opens without shipping every step.
    /// </summary>
    Task<MetricSeries[]> GetCurvesAsync(IReadOnlyCollection<string> runIds, int maxPointsPerCurve);

    /// <summary>
    /// Other curves of these runs by metric name (wall_seconds, parameters), thinned likewise: read only when a chart
    /// needs them (a wall-time axis, tooltips), so opening a sweep reads no more than its loss curves.
    /// </summary>
    Task<MetricSeries[]> GetMetricSeriesAsync(IReadOnlyCollection<string> runIds, IReadOnlyCollection<string> names, int maxPointsPerCurve);

    IAsyncEnumerable<RunProgress> WatchSweepAsync(string sweepId, CancellationToken cancel);
    IAsyncEnumerable<RunProgress> WatchRunAsync(string runId, CancellationToken cancel);

    /// <summary>
    /// Samples text from the run's best checkpoint (or its latest, as <see cref="SampleRequest.Checkpoint"/> asks) on a silo
    /// that holds it; fails with a readable message
    /// (InvalidOperationException, ArgumentException) for an unknown run, a run without a checkpoint or a request out of bounds.
    /// </summary>
    Task<string> SampleAsync(string runId, SampleRequest request, CancellationToken cancel = default);

    /// <summary>Every attempt at the run, oldest first: worker, times, outcome, resumed-from and checkpoint steps; null for an unknown run.</summary>
    Task<RunAttempt[]?> GetAttemptsAsync(string runId);

    /// <summary>The run's checkpoints on disk (kind, step, when written, size): its best and its latest; empty when it has none yet.</summary>
    Task<CheckpointInfo[]> GetCheckpointsAsync(string runId);

    /// <summary>The last <paramref name="lines"/> lines (at most 5,000) of the run's log; empty when it has none yet or there is no such run.</summary>
    Task<string[]> GetLogTailAsync(string runId, int lines = 500);
}
