using MinRnnLab.Config;
using MinRnnLab.Tests.Shared;
using MinRnnLab.Abstractions;
using MinRnnLab.Storage;

namespace MinRnnLab.Worker.Tests;

/// <summary>Sweeps on a real embedded silo with real SQLite and real (tiny) training.</summary>
public class SweepLifecycleTests
{
    private const string TinyGrid = """
        name: tiny-grid
        metric: {name: val_loss, goal: minimize, target: 3.9}
        method: grid
        base: {preset: tiny, max_iters: 30, eval_interval: 10, n_embd: 16, block_size: 16}
        parameters:
          arch: {values: [transformer, mingru]}
          learning_rate: {values: [1e-3, 3e-3]}
        parallel: 2
        max_restarts: 1
        checkpoint_interval: 10
        """;

    [Fact]
    public async Task TwoArchitecturesByTwoLearningRatesRunToCompletionWithMetrics()
    {
        await using var lab = await Lab.StartAsync();
        var submitted = await lab.SubmitAsync(TinyGrid);

        var final = await lab.Client.WaitForSweepAsync(submitted.SweepId);

        Assert.Equal(SweepState.Completed, final.State);
        Assert.Equal(4, final.RunsByState[RunState.Succeeded]);
        var trials = await lab.Client.Sweep(submitted.SweepId).GetTrials().Found();
        Assert.Equal(4, trials.Length);
        Assert.Equal(2, trials.Count(t => t.Arch == "transformer"));
        Assert.Equal(["1e-3", "1e-3", "3e-3", "3e-3"], trials.Select(t => t.Parameters["learning_rate"]).Order());
        foreach (var trial in trials)
        {
            var valLoss = await lab.Client.Run(trial.RunId).GetMetrics(MetricNames.ValLoss).Found();
            Assert.Equal([0, 10, 20, 30], valLoss.Select(p => p.Step));
            Assert.Equal(valLoss.Min(p => p.Value), trial.BestMetric);
            var status = await lab.Client.Run(trial.RunId).GetStatus().Found();
            Assert.Equal(30, status.LastCheckpointStep);
            Assert.Equal(valLoss.FirstOrDefault(p => p.Value <= 3.9)?.Step, status.StepsToTarget);
        }
        Assert.Equal(final.BestByArch["mingru"], trials.Where(t => t.Arch == "mingru").Min(t => t.BestMetric));

        // Each run stored its thinned curves when it ended (a one-way message: wait for it), and the sweep's
        // curves read in one call match the stored points.
        var ids = trials.Select(t => t.RunId).ToArray();
        var store = new SqliteMetricsStore(new SqliteDatabase(new LabPaths(lab.Options.DataFolder).MetricsDatabase));
        var summaries = await Poll.Until(() => store.ReadSummariesAsync(ids, [MetricNames.ValLoss, MetricNames.TrainLoss], CurvePoints.SweepChart),
            found => found.Count == 2 * ids.Length, seconds: 30);
        Assert.All(summaries.Where(s => s.Name == MetricNames.ValLoss), s => Assert.Equal((30, 4), (s.LastStep, s.StoredPoints)));
        var curves = await lab.Client.GetCurvesAsync(ids, [MetricNames.ValLoss], CurvePoints.SweepChart);
        Assert.Equal(ids, curves.Select(c => c.RunId));
        foreach (var curve in curves)
            Assert.Equal((await lab.Client.Run(curve.RunId).GetMetrics(MetricNames.ValLoss).Found()).Select(p => p.Value), curve.Values);
    }

    [Fact]
    public async Task SubscribersSeeEveryEvaluationLive()
    {
        await using var lab = await Lab.StartAsync();
        var submitted = await lab.SubmitAsync(TinyGrid.Replace("max_iters: 30", "max_iters: 60"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var seen = new List<RunProgress>();

        await foreach (var progress in lab.Client.WatchSweepAsync(submitted.SweepId, timeout.Token))
        {
            seen.Add(progress);
            if (progress.State == RunState.Succeeded)
                break;
        }

        var evaluations = seen.Where(p => p.Points.Any(x => x.Name == MetricNames.ValLoss)).ToList();
        Assert.All(evaluations, p => Assert.Equal(60, p.MaxIters));
        Assert.Contains(seen, p => p.State == RunState.Running);
        // The run that finished first: from its first evaluation the subscription heard (it may have subscribed after
        // step 0) to its last, every stored evaluation came live, with its stored value, and nothing else did.
        var finished = seen.First(p => p.State == RunState.Succeeded).RunId;
        var live = evaluations.Where(p => p.RunId == finished).SelectMany(p => p.Points).Where(x => x.Name == MetricNames.ValLoss)
            .Select(x => (x.Step, x.Value)).ToList();
        Assert.NotEmpty(live);
        var stored = (await lab.Client.Run(finished).GetMetrics(MetricNames.ValLoss).Found())
            .Where(x => x.Step >= live.Min(l => l.Step)).Select(x => (x.Step, x.Value)).ToList();
        Assert.Equal(60, stored[^1].Step);
        Assert.Equal(stored, live.OrderBy(l => l.Step));
    }

    [Fact]
    public async Task ARunsWatcherSeesItsEvaluationsLiveAndNoOtherRunsFromTheSweepsStream()
    {
        await using var lab = await Lab.StartAsync();
        var submitted = await lab.SubmitAsync(TinyGrid.Replace("max_iters: 30", "max_iters: 60"));
        var watched = $"{submitted.SweepId}/1";
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var seen = new List<RunProgress>();

        await foreach (var progress in lab.Client.WatchRunAsync(watched, timeout.Token))
        {
            seen.Add(progress);
            if (progress.State == RunState.Succeeded)
                break;
        }

        // Its sweep's other runs trained beside it on the same stream; none of their events came through.
        Assert.All(seen, p => Assert.Equal(watched, p.RunId));
        var live = seen.SelectMany(p => p.Points).Where(x => x.Name == MetricNames.ValLoss).Select(x => (x.Step, x.Value)).ToList();
        Assert.NotEmpty(live);
        var stored = (await lab.Client.Run(watched).GetMetrics(MetricNames.ValLoss).Found())
            .Where(x => x.Step >= live.Min(l => l.Step)).Select(x => (x.Step, x.Value)).ToList();
        Assert.Equal(stored, live.OrderBy(l => l.Step));
    }

    [Fact]
    public async Task CancelStopsRunningAndQueuedTrials()
    {
        await using var lab = await Lab.StartAsync();
        var submitted = await lab.SubmitAsync(TinyGrid.Replace("max_iters: 30", "max_iters: 100000"));
        await Poll.Until(() => lab.Client.Sweep(submitted.SweepId).GetTrials().Found(), t => t.Any(x => x.State == RunState.Running));

        await lab.Client.Sweep(submitted.SweepId).Cancel();

        var final = await lab.Client.WaitForSweepAsync(submitted.SweepId);
        Assert.Equal(SweepState.Cancelled, final.State);
        var trials = await lab.Client.Sweep(submitted.SweepId).GetTrials().Found();
        Assert.All(trials, t => Assert.Equal(RunState.Cancelled, t.State));
        Assert.Equal(2, trials.Length);                                                 // parallel 2: the rest never started
        // The worker notices at its next heartbeat and gives the slot back.
        await Poll.Until(() => lab.Client.Queue.GetSnapshot(), q => q.Leases.Length == 0 && q.Queued.Length == 0);
    }

    [Fact]
    public async Task ARunWhoseLossExplodesIsMarkedDiverged()
    {
        await using var lab = await Lab.StartAsync();
        var submitted = await lab.SubmitAsync("""
            name: explode
            metric: {name: val_loss}
            method: grid
            base: {preset: tiny, learning_rate: 1e9, min_lr: 1e9, grad_clip: 0, warmup_iters: 0, log_interval: 1}
            """);

        await lab.Client.WaitForSweepAsync(submitted.SweepId);

        var trial = Assert.Single(await lab.Client.Sweep(submitted.SweepId).GetTrials().Found());
        Assert.Equal(RunState.Diverged, trial.State);
        Assert.Contains("diverged", (await lab.Client.Run(trial.RunId).GetStatus().Found()).Reason);
    }

    [Fact]
    public async Task AMalformedSweepIsRejectedWithLineAndColumnAndNothingIsStored()
    {
        await using var lab = await Lab.StartAsync();

        var result = await lab.Client.SubmitSweepAsync("name: bad\nmetric: {name: val_loss}\nmethod: grid\nbase: {lerning_rate: 1}\n", "bad.yaml");

        Assert.False(result.Accepted);
        Assert.Contains(result.Errors, e => e.StartsWith("bad.yaml:4:", StringComparison.Ordinal) && e.Contains("lerning_rate"));
        Assert.Empty(await lab.Client.ListSweepsAsync());
        Assert.Empty((await lab.Client.Queue.GetSnapshot()).Queued);
    }

    [Fact]
    public async Task ASubmissionIsParsedOnceByThePlatformWhichLocatesTheErrorsOfAFileItRefuses()
    {
        await using var lab = await Lab.StartAsync();
        var fileName = $"once-{Guid.NewGuid():N}.yaml";
        using var parses = new SweepFileParses(fileName);

        var accepted = await lab.Client.SubmitSweepAsync(TinyGrid, fileName);
        var refused = await lab.Client.SubmitSweepAsync(TinyGrid.Replace("learning_rate:", "lerning_rate:"), fileName);

        Assert.True(accepted.Accepted);
        Assert.StartsWith("tiny-grid-", accepted.Status!.SweepId);                     // made from the sweep's name
        Assert.Equal(2, parses.Count);                                                  // one each: not by the client, not by the sweep grain
        var error = Assert.Single(refused.Located);
        Assert.Equal((fileName, 7), (error.File, error.Line));
        Assert.Contains("lerning_rate", error.Message);
        Assert.Equal([error.ToString()], refused.Errors);
        Assert.Single(await lab.Client.ListSweepsAsync());
    }
}
