using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;
using MinRnnLab.Sweeps.Importance;
using static MinRnnLab.Web.Services.LabTracing;

namespace MinRnnLab.Web.Services;

/// <summary>
/// ILabService over the Orleans cluster client, through the same typed LabClient the CLI and tests use. It reads no
/// files: checkpoints, samples and logs come from a silo that holds the artifacts folder, the same whether the silo
/// is co-hosted in this process or on another machine.
/// </summary>
public sealed class LabService(IClusterClient cluster) : ILabService
{
    private const int RecentSweeps = 8;
    private static readonly string[] CurveNames = [MetricNames.ValLoss, MetricNames.TrainLoss];
    private readonly LabClient lab = LabClient.ForCluster(cluster);

    public async Task<OverviewSnapshot> GetOverviewAsync()
    {
        using var activity = LabTracing.Start("Overview");
        var hosts = await cluster.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        var silos = hosts.Select(h => new SiloRow(h.SiloName, h.HostName, h.SiloAddress.ToString(), h.Status.ToString(),
            new DateTimeOffset(h.StartTime, TimeSpan.Zero))).ToArray();
        var view = await lab.GetClusterViewAsync();
        var sweeps = await lab.ListSweepsAsync();
        return new OverviewSnapshot(silos, Devices(view, silos), view.QueueDepth, sweeps.Take(RecentSweeps).ToArray(),
            view.Silos.Sum(s => s.LiveEventsDropped));
    }

    /// <summary>
    /// Every device slot each silo published, idle or not, then the leases held by workers on no active silo
    /// (they are about to expire and their runs to be re-queued).
    /// </summary>
    private static IReadOnlyList<DeviceRow> Devices(ClusterView view, IReadOnlyList<SiloRow> silos)
    {
        var hostOf = silos.ToDictionary(s => s.Address, s => s.Host);
        var rows = view.Silos.SelectMany(silo => silo.Devices.Select(d => new DeviceRow(
            hostOf.GetValueOrDefault(silo.Address, silo.Name), d.Device, d.Worker, d.Lease?.RunId, d.Lease?.ExpiresAt))).ToList();
        var onActiveSilos = rows.Select(r => r.Worker).ToHashSet();
        rows.AddRange(view.Leases.Where(l => !onActiveSilos.Contains(l.Worker))
            .Select(l => new DeviceRow("(no active silo)", l.DeviceKind, l.Worker, l.RunId, l.ExpiresAt)));
        return rows;
    }

    public Task<SweepStatus[]> ListSweepsAsync() => Traced("ListSweeps", lab.ListSweepsAsync);
    public Task<RunRow[]> ListRunsAsync() => Traced("ListRuns", lab.ListRunsAsync);
    public Task<SweepStatus?> GetSweepAsync(string sweepId) => Traced("Sweep.GetStatus", lab.Sweep(sweepId).GetStatus);
    public Task<TrialInfo[]?> GetTrialsAsync(string sweepId) => Traced("Sweep.GetTrials", lab.Sweep(sweepId).GetTrials);
    public Task<string?> GetSweepFileAsync(string sweepId) => Traced("Sweep.GetDefinition", lab.Sweep(sweepId).GetDefinition);
    public Task<SweepPlan?> GetPlanAsync(string sweepId, int limit) => Traced("Sweep.GetPlan", () => lab.Sweep(sweepId).GetPlan(limit));
    public Task<SubmitResult> SubmitSweepAsync(string yaml, string fileName) => lab.SubmitSweepAsync(yaml, fileName);
    public Task<SweepStatus?> CancelSweepAsync(string sweepId) => lab.Sweep(sweepId).Cancel();
    public Task<SweepStatus?> PauseSweepAsync(string sweepId) => lab.Sweep(sweepId).Pause();
    public Task<SweepStatus?> ResumeSweepAsync(string sweepId) => lab.Sweep(sweepId).Resume();
    public Task<ImportanceReport?> GetImportanceAsync(string sweepId) => Traced("Importance", () => lab.GetImportanceAsync(sweepId));
    public Task<Labels?> EditSweepLabelsAsync(string sweepId, LabelEdit edit) => lab.Sweep(sweepId).EditLabels(edit);
    public Task<Labels?> EditRunLabelsAsync(string runId, LabelEdit edit) => lab.Run(runId).EditLabels(edit);
    public Task<DeleteResult?> DeleteSweepAsync(string sweepId) => lab.Sweep(sweepId).Delete();
    public Task<DeleteResult?> DeleteRunAsync(string runId) => runId.LastIndexOf('/') is > 0 and var slash
        ? lab.Sweep(runId[..slash]).DeleteRun(runId) : Task.FromResult<DeleteResult?>(null);
    public Task<RunStatus?> GetRunAsync(string runId) => Traced("Run.GetStatus", lab.Run(runId).GetStatus);
    public Task<RunSpec?> GetRunSpecAsync(string runId) => Traced("Run.GetSpec", lab.Run(runId).GetSpec);
    public Task<MetricSeries[]> GetCurvesAsync(IReadOnlyCollection<string> runIds, int maxPointsPerCurve) =>
        Traced("GetCurves", () => lab.GetCurvesAsync(runIds, CurveNames, maxPointsPerCurve), runIds.Count);
    public Task<MetricSeries[]> GetMetricSeriesAsync(IReadOnlyCollection<string> runIds, IReadOnlyCollection<string> names, int maxPointsPerCurve) =>
        Traced("GetMetricSeries", () => lab.GetCurvesAsync(runIds, names, maxPointsPerCurve), runIds.Count);

    public IAsyncEnumerable<RunProgress> WatchSweepAsync(string sweepId, CancellationToken cancel) => lab.WatchSweepAsync(sweepId, cancel);
    public IAsyncEnumerable<RunProgress> WatchRunAsync(string runId, CancellationToken cancel) => lab.WatchRunAsync(runId, cancel);

    public async Task<string> SampleAsync(string runId, SampleRequest request, CancellationToken cancel = default) =>
        await lab.SampleAsync(runId, request.Prompt, request.Length, request.Temperature, request.Seed, request.TopK, request.Checkpoint).WaitAsync(cancel)
        ?? throw new InvalidOperationException(NotFound.Run(runId));

    public Task<RunAttempt[]?> GetAttemptsAsync(string runId) => Traced("Run.GetAttempts", lab.Run(runId).GetAttempts);

    public async Task<CheckpointInfo[]> GetCheckpointsAsync(string runId) => await Traced("ListCheckpoints", () => lab.ListCheckpointsAsync(runId)) ?? [];

    public async Task<string[]> GetLogTailAsync(string runId, int lines = 500) => await Traced("ReadLogTail", () => lab.ReadLogTailAsync(runId, lines)) ?? [];
}
