using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;
using MinRnnLab.Sweeps.Importance;
using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.Components;

/// <summary>An in-memory platform for component tests: fixed sweeps and runs, and a channel to push live progress.</summary>
public sealed class FakeLabService : ILabService
{
    public List<SweepStatus> Sweeps { get; } = [];
    public Dictionary<string, TrialInfo[]> Trials { get; } = [];
    public Dictionary<string, List<MetricPoint>> Metrics { get; } = [];
    public List<string> Submitted { get; } = [];
    public Channel<RunProgress> Live { get; } = Channel.CreateUnbounded<RunProgress>();
    public Dictionary<string, RunAttempt[]> Attempts { get; } = [];
    public Dictionary<string, CheckpointInfo[]> Checkpoints { get; } = [];
    public List<SampleRequest> SampleRequests { get; } = [];
    public Dictionary<string, List<string>> Logs { get; } = [];
    public Dictionary<string, SweepPlan> Plans { get; } = [];
    public Dictionary<string, string> Files { get; } = [];
    public List<string> Cancelled { get; } = [];
    public Dictionary<string, ImportanceReport> Importance { get; } = [];
    public int ImportanceReads { get; private set; }

    public static SweepStatus Status(string id, int planned = 4, SweepState state = SweepState.Running) =>
        new(id, id, state, "grid", planned, new() { [RunState.Running] = 1 }, new() { ["mingru"] = 2.5 }, DateTimeOffset.UtcNow, "val_loss", 3.0);

    public static TrialInfo Trial(string sweep, int index, string arch, RunState state = RunState.Running, double? best = null) =>
        new(index, $"{sweep}/{index}", arch, 0, new() { ["arch"] = arch, ["learning_rate"] = "1e-3" }, state, best, best is null ? null : 20, null, 1.5);

    public Task<OverviewSnapshot> GetOverviewAsync() =>
        Task.FromResult(new OverviewSnapshot([], [], 0, Sweeps, 0));
    public Task<SweepStatus[]> ListSweepsAsync() => Task.FromResult(Sweeps.ToArray());
    public Task<RunRow[]> ListRunsAsync() => Task.FromResult(
        Sweeps.SelectMany(s => Trials.GetValueOrDefault(s.SweepId, []).Select(t => new RunRow(s, t, null))).ToArray());
    public Task<SweepStatus?> GetSweepAsync(string sweepId) => Task.FromResult(Sweeps.SingleOrDefault(s => s.SweepId == sweepId));
    public Task<TrialInfo[]?> GetTrialsAsync(string sweepId) => Task.FromResult(Known(sweepId) ? Trials.GetValueOrDefault(sweepId, []) : null);
    public Task<string?> GetSweepFileAsync(string sweepId) => Task.FromResult(Known(sweepId) ? Files.GetValueOrDefault(sweepId, "name: x") : null);
    public Task<SweepPlan?> GetPlanAsync(string sweepId, int limit) =>
        Task.FromResult(Known(sweepId) ? Plans.GetValueOrDefault(sweepId, new SweepPlan([], 0)) : null);

    public Task<ImportanceReport?> GetImportanceAsync(string sweepId)
    {
        ImportanceReads++;
        return Task.FromResult(Known(sweepId) ? Importance.GetValueOrDefault(sweepId) : null);
    }

    private bool Known(string sweepId) => Sweeps.Any(s => s.SweepId == sweepId);

    public Task<SubmitResult> SubmitSweepAsync(string yaml, string fileName)
    {
        Submitted.Add(yaml);
        return Task.FromResult(new SubmitResult(Status("submitted"), []));
    }

    public Task<SweepStatus?> CancelSweepAsync(string sweepId)
    {
        Cancelled.Add(sweepId);
        return GetSweepAsync(sweepId);
    }

    public Task<SweepStatus?> PauseSweepAsync(string sweepId) => GetSweepAsync(sweepId);
    public Task<SweepStatus?> ResumeSweepAsync(string sweepId) => GetSweepAsync(sweepId);

    /// <summary>Every edit asked for, as (sweep or run id, edit).</summary>
    public List<(string Id, LabelEdit Edit)> LabelEdits { get; } = [];

    /// <summary>Adds and removes tags and replaces notes and names on the sweep's status, without the grain's checks.</summary>
    public Task<Labels?> EditSweepLabelsAsync(string sweepId, LabelEdit edit)
    {
        LabelEdits.Add((sweepId, edit));
        var index = Sweeps.FindIndex(s => s.SweepId == sweepId);
        if (index < 0)
            return Task.FromResult<Labels?>(null);
        var labels = Sweeps[index].Labels;
        var tags = labels.Tags.Concat(edit.AddTags ?? []).Except(edit.RemoveTags ?? []).Distinct().ToArray();
        var after = new Labels(edit.Name is null ? labels.Name : edit.Name.Length == 0 ? null : edit.Name, tags, edit.Notes ?? labels.Notes);
        Sweeps[index] = Sweeps[index] with { Labels = after };
        return Task.FromResult<Labels?>(after);
    }

    public Task<Labels?> EditRunLabelsAsync(string runId, LabelEdit edit)
    {
        LabelEdits.Add((runId, edit));
        return Task.FromResult<Labels?>(new Labels(edit.Name, edit.AddTags ?? [], edit.Notes ?? ""));
    }

    /// <summary>Every sweep or run deleted, in order.</summary>
    public List<string> Deleted { get; } = [];

    public Task<DeleteResult?> DeleteSweepAsync(string sweepId)
    {
        Deleted.Add(sweepId);
        return Task.FromResult(Sweeps.RemoveAll(s => s.SweepId == sweepId) > 0 ? new DeleteResult(sweepId, 1, 1000, 10) : null);
    }

    public Task<DeleteResult?> DeleteRunAsync(string runId)
    {
        Deleted.Add(runId);
        return Task.FromResult<DeleteResult?>(new DeleteResult(runId, 1, 1000, 10));
    }

    public Task<RunStatus?> GetRunAsync(string runId) => Task.FromResult<RunStatus?>(new RunStatus(runId, runId.Split('/')[0], "mingru",
        RunState.Running, Attempts.GetValueOrDefault(runId, []).Length, null, 0, null, null, null, null, null, null, null, null, 0));

    /// <summary>Specs by run id; any other run of a known sweep gets a default one, a run of an unknown sweep none.</summary>
    public Dictionary<string, RunSpec> Specs { get; } = [];

    public Task<RunSpec?> GetRunSpecAsync(string runId) =>
        Task.FromResult(Specs.GetValueOrDefault(runId) ?? (Sweeps.Count == 0 || Known(runId.Split('/')[0])
            ? new RunSpec(runId, runId.Split('/')[0], 0, "mingru", [], 1, "{}", 1, 3.0, "cpu")
            : null));

    /// <summary>The points in <see cref="Metrics"/>, grouped into curves and thinned the way the reader grain thins them.</summary>
    public Task<MetricSeries[]> GetCurvesAsync(IReadOnlyCollection<string> runIds, int maxPointsPerCurve) =>
        Task.FromResult(runIds.SelectMany(runId => Metrics.GetValueOrDefault(runId, []).GroupBy(p => p.Name).Select(byName =>
        {
            var ordered = byName.OrderBy(p => p.Step).ToArray();
            var (steps, values) = CurveThinning.Thin(ordered.Select(p => p.Step).ToArray(), ordered.Select(p => p.Value).ToArray(), maxPointsPerCurve);
            return new MetricSeries(runId, byName.Key, steps, values, ordered.Length);
        })).ToArray());

    public async Task<MetricSeries[]> GetMetricSeriesAsync(IReadOnlyCollection<string> runIds, IReadOnlyCollection<string> names, int maxPointsPerCurve)
    {
        MetricSeriesReads.Add([.. names]);
        return (await GetCurvesAsync(runIds, maxPointsPerCurve)).Where(c => names.Contains(c.Name)).ToArray();
    }

    /// <summary>The metric names of every GetMetricSeriesAsync call: pages read extra curves only when a chart needs them.</summary>
    public List<string[]> MetricSeriesReads { get; } = [];

    public async IAsyncEnumerable<RunProgress> WatchSweepAsync(string sweepId, [EnumeratorCancellation] CancellationToken cancel)
    {
        await foreach (var progress in Live.Reader.ReadAllAsync(cancel))
            yield return progress;
    }

    public IAsyncEnumerable<RunProgress> WatchRunAsync(string runId, CancellationToken cancel) => WatchSweepAsync("", cancel);

    public Task<string> SampleAsync(string runId, SampleRequest request, CancellationToken cancel = default)
    {
        SampleRequests.Add(request);
        return Task.FromResult(request.Prompt + " sampled");
    }

    public Task<RunAttempt[]?> GetAttemptsAsync(string runId) => Task.FromResult<RunAttempt[]?>(Attempts.GetValueOrDefault(runId, []));
    public Task<CheckpointInfo[]> GetCheckpointsAsync(string runId) => Task.FromResult(Checkpoints.GetValueOrDefault(runId, []));
    public Task<string[]> GetLogTailAsync(string runId, int lines = 500) =>
        Task.FromResult(Logs.GetValueOrDefault(runId, []).TakeLast(lines).ToArray());
}
