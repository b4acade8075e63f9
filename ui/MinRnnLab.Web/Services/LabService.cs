using MinRnnLab.Abstractions;
using MinRnnLab.Grains.Client;
using MinRnnLab.Grains.Workers;
using MinRnnLab.Storage;
using MinRnnLab.Training;
using MinRnnLab.Training.Checkpoints;
using MinRnnLab.Training.Sampling;

namespace MinRnnLab.Web.Services;

/// <summary>ILabService over the Orleans cluster client, through the same typed LabClient the CLI and tests use.</summary>
public sealed class LabService(IClusterClient cluster, LabPaths paths, IServiceProvider services) : ILabService
{
    private const int RecentSweeps = 8;
    private const int MaxSampleLength = 2000;
    private static readonly string[] CurveNames = [MetricNames.ValLoss, MetricNames.TrainLoss];
    private readonly LabClient lab = LabClient.ForCluster(cluster);
    // One model in memory at a time: sampling shares the CPU with training slots.
    private readonly SemaphoreSlim sampling = new(1, 1);

    public async Task<OverviewSnapshot> GetOverviewAsync()
    {
        var hosts = await cluster.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        var silos = hosts.Select(h => new SiloRow(h.SiloName, h.HostName, h.SiloAddress.ToString(), h.Status.ToString(),
            new DateTimeOffset(h.StartTime, TimeSpan.Zero))).ToArray();
        var queue = await lab.Queue.GetSnapshot();
        var sweeps = await lab.ListSweepsAsync();
        return new OverviewSnapshot(silos, Devices(queue), queue.Queued.Length, sweeps.Take(RecentSweeps).ToArray());
    }

    /// <summary>
    /// This silo's own slots (when co-hosted) with their leases, then every other lease holder in the cluster.
    /// Worker names are "{machine}-{pid}-{nonce}/{device}#{slot}" (DeviceWorker), which is how leases map to slots.
    /// </summary>
    private IReadOnlyList<DeviceRow> Devices(QueueSnapshot queue)
    {
        var rows = new List<DeviceRow>();
        var leases = queue.Leases.ToList();
        if (services.GetService<DeviceWorker>() is { } local)
        {
            var prefix = $"{Environment.MachineName}-{Environment.ProcessId}-";
            for (var i = 0; i < local.Slots.Count; i++)
            {
                var suffix = $"/{local.Slots[i].Name}#{i}";
                var lease = leases.FirstOrDefault(l => l.Worker.StartsWith(prefix, StringComparison.Ordinal) && l.Worker.EndsWith(suffix, StringComparison.Ordinal));
                if (lease is not null)
                    leases.Remove(lease);
                rows.Add(new DeviceRow($"{Environment.MachineName} (this process)", local.Slots[i].Device, lease?.Worker ?? $"{prefix}…{suffix}",
                    lease?.RunId, lease?.ExpiresAt));
            }
        }
        foreach (var lease in leases)
        {
            var slash = lease.Worker.LastIndexOf('/');
            var device = slash < 0 ? lease.DeviceKind : lease.Worker[(slash + 1)..].Split('#')[0];
            rows.Add(new DeviceRow(slash < 0 ? lease.Worker : lease.Worker[..slash], device, lease.Worker, lease.RunId, lease.ExpiresAt));
        }
        return rows;
    }

    public Task<SweepStatus[]> ListSweepsAsync() => lab.ListSweepsAsync();
    public Task<SweepStatus?> GetSweepAsync(string sweepId) => lab.Sweep(sweepId).GetStatus();
    public Task<TrialInfo[]?> GetTrialsAsync(string sweepId) => lab.Sweep(sweepId).GetTrials();
    public Task<string?> GetSweepFileAsync(string sweepId) => lab.Sweep(sweepId).GetDefinition();
    public Task<SweepPlan?> GetPlanAsync(string sweepId, int limit) => lab.Sweep(sweepId).GetPlan(limit);
    public Task<SubmitResult> SubmitSweepAsync(string yaml, string fileName) => lab.SubmitSweepAsync(yaml, fileName);
    public Task<SweepStatus?> CancelSweepAsync(string sweepId) => lab.Sweep(sweepId).Cancel();
    public Task<SweepStatus?> PauseSweepAsync(string sweepId) => lab.Sweep(sweepId).Pause();
    public Task<SweepStatus?> ResumeSweepAsync(string sweepId) => lab.Sweep(sweepId).Resume();
    public Task<RunStatus?> GetRunAsync(string runId) => lab.Run(runId).GetStatus();
    public Task<RunSpec?> GetRunSpecAsync(string runId) => lab.Run(runId).GetSpec();
    public Task<MetricSeries[]> GetCurvesAsync(IReadOnlyCollection<string> runIds, int maxPointsPerCurve) =>
        lab.GetCurvesAsync(runIds, CurveNames, maxPointsPerCurve);
    public Task<MetricSeries[]> GetMetricSeriesAsync(IReadOnlyCollection<string> runIds, IReadOnlyCollection<string> names, int maxPointsPerCurve) =>
        lab.GetCurvesAsync(runIds, names, maxPointsPerCurve);

    public IAsyncEnumerable<RunProgress> WatchSweepAsync(string sweepId, CancellationToken cancel) => lab.WatchSweepAsync(sweepId, cancel);
    public IAsyncEnumerable<RunProgress> WatchRunAsync(string runId, CancellationToken cancel) => lab.WatchRunAsync(runId, cancel);

    public async Task<string> SampleAsync(string runId, SampleRequest request, CancellationToken cancel = default)
    {
        var folder = paths.CheckpointFolder(runId);
        if (!Directory.Exists(folder))
            throw new InvalidOperationException("this run has no checkpoint yet");
        await sampling.WaitAsync(cancel);
        try
        {
            // Torch work off the circuit's thread: a few hundred characters take about a second on a CPU.
            return await Task.Run(() =>
            {
                var sampler = TextSampler.FromCheckpoint(folder);
                using var model = sampler.Model;
                return sampler.Sample(request.Prompt, Math.Clamp(request.Length, 1, MaxSampleLength), request.Temperature,
                    request.TopK > 0 ? request.TopK : null, request.Seed);
            }, cancel);
        }
        finally
        {
            sampling.Release();
        }
    }

    public Task<RunAttempt[]?> GetAttemptsAsync(string runId) => lab.Run(runId).GetAttempts();

    // Files are read off the circuit's thread: the artifacts folder may be a network volume shared by silos.
    public Task<CheckpointInfo?> GetCheckpointAsync(string runId) =>
        Task.Run(() => CheckpointStore.Describe(paths.CheckpointFolder(runId)));

    public Task<string[]> GetLogTailAsync(string runId, int lines = 500) =>
        Task.Run(() => RunLog.Tail(paths.RunLogFile(runId), lines));
}
