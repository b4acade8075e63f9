using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;
using MinRnnLab.Sweeps;
using MinRnnLab.Sweeps.Importance;

namespace MinRnnLab.Web.Tests.Components;

/// <summary>
/// An in-memory platform for component tests, behind the client's own seam (ILabClient and the sweep and run grain
/// interfaces): fixed sweeps and runs, a channel to push live progress, and a record of what the pages asked for.
/// </summary>
public sealed class FakeLab : ILabClient
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

    /// <summary>Live subscriptions to sweeps opened (WatchSweepAsync), by every page together.</summary>
    public int SweepSubscriptions;

    /// <summary>Sweep pages read (ISweepGrain.GetPage), by every page together.</summary>
    public int PageReads;

    /// <summary>How many of the next page reads time out, as a grain call does when its silo is overloaded.</summary>
    public int PageReadsTimingOut;

    /// <summary>Every label edit asked for, as (sweep or run id, edit).</summary>
    public List<(string Id, LabelEdit Edit)> LabelEdits { get; } = [];

    /// <summary>Every sweep or run deleted, in order.</summary>
    public List<string> Deleted { get; } = [];

    /// <summary>Specs by run id; any other run of a known sweep gets a default one, a run of an unknown sweep none.</summary>
    public Dictionary<string, RunSpec> Specs { get; } = [];

    /// <summary>The metric names of every curve read other than the loss curves: pages read extra curves only when a chart needs them.</summary>
    public List<string[]> MetricSeriesReads { get; } = [];

    public static SweepStatus Status(string id, int planned = 4, SweepState state = SweepState.Running) =>
        new(id, id, state, "grid", planned, new() { [RunState.Running] = 1 }, new() { ["mingru"] = 2.5 }, DateTimeOffset.UtcNow, "val_loss", 3.0);

    public static TrialInfo Trial(string sweep, int index, string arch, RunState state = RunState.Running, double? best = null) =>
        new(index, $"{sweep}/{index}", arch, 0, new() { ["arch"] = arch, ["learning_rate"] = "1e-3" }, state, best, best is null ? null : 20, null, 1.5);

    public ISweepGrain Sweep(string sweepId) => new FakeSweepGrain(this, sweepId);
    public IRunGrain Run(string runId) => new FakeRunGrain(this, runId);

    internal bool Known(string sweepId) => Sweeps.Any(s => s.SweepId == sweepId);

    public Task<SweepStatus[]> ListSweepsAsync() => Task.FromResult(Sweeps.ToArray());

    public Task<RunRow[]> ListRunsAsync() => Task.FromResult(
        Sweeps.SelectMany(s => Trials.GetValueOrDefault(s.SweepId, []).Select(t => new RunRow(s, t, null))).ToArray());

    /// <summary>No silos, devices or queue: the overview shows the sweeps alone.</summary>
    public Task<ClusterView> GetClusterViewAsync() => Task.FromResult(new ClusterView([], 0, []));

    public Task<SubmitResult> SubmitSweepAsync(string yaml, string fileName)
    {
        Submitted.Add(yaml);
        return Task.FromResult(new SubmitResult(Status("submitted"), []));
    }

    public Task<ImportanceReport?> GetImportanceAsync(string sweepId)
    {
        ImportanceReads++;
        return Task.FromResult(Known(sweepId) ? Importance.GetValueOrDefault(sweepId) : null);
    }

    /// <summary>The points in <see cref="Metrics"/> with these names, grouped into curves and thinned as the metrics reader grain thins them.</summary>
    public Task<MetricSeries[]> GetCurvesAsync(IEnumerable<string> runIds, IEnumerable<string> names, int maxPoints)
    {
        var wanted = names.ToArray();
        if (!wanted.SequenceEqual(Web.Services.LossCurves.Names))
            MetricSeriesReads.Add(wanted);
        return Task.FromResult(runIds.SelectMany(runId => Metrics.GetValueOrDefault(runId, []).Where(p => wanted.Contains(p.Name)).GroupBy(p => p.Name).Select(byName =>
        {
            var ordered = byName.OrderBy(p => p.Step).ToArray();
            var (steps, values) = CurveThinning.Thin(ordered.Select(p => p.Step).ToArray(), ordered.Select(p => p.Value).ToArray(), maxPoints);
            return new MetricSeries(runId, byName.Key, steps, values, ordered.Length);
        })).ToArray());
    }

    public async IAsyncEnumerable<RunProgress> WatchSweepAsync(string sweepId, [EnumeratorCancellation] CancellationToken cancel = default)
    {
        Interlocked.Increment(ref SweepSubscriptions);
        await foreach (var progress in Live.Reader.ReadAllAsync(cancel))
            yield return progress;
    }

    public IAsyncEnumerable<RunProgress> WatchRunAsync(string runId, CancellationToken cancel = default) => WatchSweepAsync("", cancel);

    public Task<string?> SampleAsync(string runId, string prompt, int tokens = 300, double temperature = 0.8, long seed = 1337, int topK = 50,
        CheckpointKind checkpoint = CheckpointKind.Best)
    {
        SampleRequests.Add(new SampleRequest(prompt, tokens, temperature, topK, seed, checkpoint));
        return Task.FromResult<string?>(prompt + " sampled");
    }

    public Task<CheckpointInfo[]?> ListCheckpointsAsync(string runId) => Task.FromResult<CheckpointInfo[]?>(Checkpoints.GetValueOrDefault(runId, []));

    public Task<string[]?> ReadLogTailAsync(string runId, int lines = 500) =>
        Task.FromResult<string[]?>(Logs.GetValueOrDefault(runId, []).TakeLast(lines).ToArray());
}
