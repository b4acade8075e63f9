using System.Text.Json;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Grains.Tests;

/// <summary>
/// A sweep judged by train_loss, end to end through the grains with a test playing the worker: each run reports train
/// and validation losses that rank the trials in opposite orders, so every number and decision shows which one it used.
/// The runs' bests and steps to target, the sweep's best per architecture, top-k retention's ranking and the median
/// rule's pruning must all follow train_loss.
/// </summary>
public class SweepMetricTests
{
    private const string Worker = "test-worker/cpu";

    [Fact]
    public async Task ATrainLossSweepReportsRanksAndPrunesByTrainLoss()
    {
        await using var silo = await GrainSilo.StartAsync();
        var sweep = silo.Grains.GetGrain<ISweepGrain>("by-train");
        var submitted = await sweep.Submit("""
            name: by-train
            metric: {name: train_loss, goal: minimize, target: 1.0}
            method: grid
            parallel: 3
            parameters:
              learning_rate: {values: [1e-3, 2e-3, 3e-3]}
            base: {preset: tiny, arch: mingru, max_iters: 10, eval_interval: 5}
            early_terminate: {type: median, min_evals: 1, min_runs: 2}
            retention: {top_k: 1}
            """, "by-train.yaml");
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
        Assert.Equal(new SweepMetric(MetricNames.TrainLoss), submitted.Status!.Objective);
        var runs = new[] { "by-train/0", "by-train/1", "by-train/2" };
        var attempts = new Dictionary<string, int>();
        foreach (var runId in runs)
        {
            await Poll.Until(() => silo.Grains.RunQueue().GetSnapshot(), s => s.Queued.Contains(runId));
            attempts[runId] = await silo.Grains.GetGrain<IRunGrain>(runId).Start(Worker);
            RetentionTests.WriteCheckpoints(silo.Paths, runId);
        }

        // Train loss ranks 0 < 1 < 2; validation loss ranks them the other way round.
        await ReportAsync(silo, "by-train/0", attempts, step: 5, train: 1.0, val: 3.0);
        await ReportAsync(silo, "by-train/1", attempts, step: 5, train: 2.0, val: 2.0);
        // Judged against the two others at eval 1: train 3.0 is worse than their median 1.5 (its val 1.0 beats theirs, 2.5).
        await ReportAsync(silo, "by-train/2", attempts, step: 5, train: 3.0, val: 1.0);
        // The sweep hears of evaluations by one-way calls: its decision arrives after the report returns.
        var pruned = await Poll.Until(() => silo.Grains.GetGrain<IRunGrain>("by-train/2").GetStatus(), s => s!.State.IsFinal());
        Assert.Equal(RunState.Pruned, pruned!.State);
        Assert.Contains("best train_loss 3", pruned.Reason);
        Assert.Equal((3.0, 5), (pruned.BestMetric, pruned.BestStep));

        await ReportAsync(silo, "by-train/0", attempts, step: 10, train: 0.8, val: 3.1);
        await ReportAsync(silo, "by-train/1", attempts, step: 10, train: 1.5, val: 1.9);
        foreach (var runId in new[] { "by-train/0", "by-train/1" })
            await silo.Grains.GetGrain<IRunGrain>(runId).Complete(attempts[runId], new RunOutcome(RunState.Succeeded, 10, 2.5, null, 2.0));

        var status = await Poll.Until(() => sweep.GetStatus(), s => s!.State == SweepState.Completed);
        Assert.Equal(0.8, status!.BestByArch["mingru"]);                                // not val_loss's best, 1.0
        var trials = (await sweep.GetTrials())!.ToDictionary(t => t.RunId);
        Assert.Equal((0.8, 10, 5), (trials["by-train/0"].BestMetric, trials["by-train/0"].BestStep, trials["by-train/0"].StepsToTarget));
        Assert.Equal((1.5, 10, null), (trials["by-train/1"].BestMetric, trials["by-train/1"].BestStep, trials["by-train/1"].StepsToTarget));
        // top_k 1 keeps the checkpoints of the best run by train loss only: by val loss it would have been by-train/2.
        Assert.Equal((true, true), RetentionTests.Kept(silo.Paths, "by-train/0"));
        Assert.Equal((false, false), RetentionTests.Kept(silo.Paths, "by-train/1"));
        Assert.Equal((false, false), RetentionTests.Kept(silo.Paths, "by-train/2"));
    }

    [Fact]
    public async Task AMaximizedMetricsBestIsItsHighestValue()
    {
        await using var silo = await GrainSilo.StartAsync();
        var sweep = silo.Grains.GetGrain<ISweepGrain>("up");
        Assert.True((await sweep.Submit("""
            name: up
            metric: {name: val_loss, goal: maximize, target: 3.0}
            method: grid
            parameters:
              arch: {values: [minlstm]}
            base: {preset: tiny, max_iters: 10, eval_interval: 5}
            """, "up.yaml")).Accepted);
        await Poll.Until(() => silo.Grains.RunQueue().GetSnapshot(), s => s.Queued.Contains("up/0"));
        var run = silo.Grains.GetGrain<IRunGrain>("up/0");
        var attempt = await run.Start(Worker);
        await run.ReportProgress(attempt, 5, 10, [new MetricPoint(5, MetricNames.ValLoss, 2.0)], 1.0);
        await run.ReportProgress(attempt, 10, 10, [new MetricPoint(10, MetricNames.ValLoss, 3.5)], 2.0);

        var status = (await run.GetStatus())!;
        Assert.Equal((3.5, 10, 10), (status.BestMetric, status.BestStep, status.StepsToTarget));
        Assert.Equal(3.5, (await sweep.GetStatus())!.BestByArch["minlstm"]);
    }

    [Fact]
    public void StateStoredBeforeRunsKnewTheirMetricReadsBackAsValLoss()
    {
        // A run's state and a trial row as builds before this one wrote them: no metric in the spec, the best named BestValLoss.
        var state = JsonSerializer.Deserialize<RunGrainState>("""
            {"Spec":{"RunId":"old/0","SweepId":"old","TrialIndex":0,"Arch":"mingru","Parameters":{},"Seed":1,"ConfigJson":"{}",
                     "MaxRestarts":1,"TargetLoss":2.0,"DeviceKind":"cpu"},
             "State":1,"BestValLoss":1.7,"BestStep":50}
            """)!;
        Assert.Equal((1.7, 50), (state.BestMetric, state.BestStep));
        Assert.Equal(SweepMetric.ValLoss, state.Spec!.Objective);
        var trial = JsonSerializer.Deserialize<TrialInfo>("""
            {"Index":0,"RunId":"old/0","Arch":"mingru","SeedIndex":0,"Parameters":{},"State":2,"BestValLoss":1.7,"BestStep":50,"StepsToTarget":null,"TrainingSeconds":3}
            """)!;
        Assert.Equal(1.7, trial.BestMetric);
        // And what this build writes reads back the same way.
        Assert.Equal(1.7, JsonSerializer.Deserialize<RunGrainState>(JsonSerializer.Serialize(state))!.BestMetric);
    }

    private static async Task ReportAsync(GrainSilo silo, string runId, Dictionary<string, int> attempts, int step, double train, double val) =>
        await silo.Grains.GetGrain<IRunGrain>(runId).ReportProgress(attempts[runId], step, 10,
            [new MetricPoint(step, MetricNames.TrainLoss, train), new MetricPoint(step, MetricNames.ValLoss, val)], step / 5.0);
}
