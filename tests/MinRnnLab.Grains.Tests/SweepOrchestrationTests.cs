using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Grains.Tests;

/// <summary>
/// The grains orchestrate a sweep with no trainer in the process: the test leases each run from the queue and reports
/// it as a device worker would, and the sweep ranks the results, completes, and frees the queue.
/// </summary>
public class SweepOrchestrationTests
{
    private const string Worker = "test-worker/cpu";

    [Fact]
    public async Task ASweepCompletesWhenAWorkerReportsEachLeasedRun()
    {
        await using var silo = await GrainSilo.StartAsync();
        var sweep = silo.Grains.GetGrain<ISweepGrain>("grid");
        var submitted = await sweep.Submit("""
            name: grid
            metric: {name: val_loss}
            method: grid
            parameters:
              arch: {values: [mingru, transformer]}
            base: {preset: tiny, max_iters: 10, eval_interval: 5}
            """, "grid.yaml");
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));

        var queue = silo.Grains.RunQueue();
        var losses = new Dictionary<string, double>();
        while (losses.Count < 2)
        {
            var lease = await Poll.Until(() => queue.TryLease(Worker, "cpu"), l => l is not null);
            var run = silo.Grains.GetGrain<IRunGrain>(lease!.RunId);
            var arch = (await run.GetSpec())!.Arch;
            var loss = arch == "mingru" ? 1.5 : 2.5;
            var attempt = await run.Start(Worker);
            Assert.Equal(RunCommand.Continue, await run.ReportProgress(attempt, 5, 10, [new MetricPoint(5, MetricNames.ValLoss, loss + 0.5)], 1.0));
            await run.ReportProgress(attempt, 10, 10, [new MetricPoint(10, MetricNames.ValLoss, loss)], 2.0);    // the best: the sweep ranks evaluations
            await run.Complete(attempt, new RunOutcome(RunState.Succeeded, 10, loss, null, 2.0));
            await queue.Release(lease.RunId, Worker);
            losses[arch] = loss;
        }

        var status = await Poll.Until(() => sweep.GetStatus(), s => s!.State != SweepState.Running);
        Assert.Equal(SweepState.Completed, status!.State);
        Assert.Equal(2, status.RunsByState[RunState.Succeeded]);
        Assert.Equal(losses, status.BestByArch);
        Assert.Empty((await queue.GetSnapshot()).Queued);
    }

    [Fact]
    public async Task ARunningTrialsNewBestReachesTheSweepAtItsEvaluation()
    {
        // A trial trains for hours at the paper's size: its sweep's status and pages must show each new best as it is
        // evaluated, not at the trial's next change of state (paper-cpu's minLSTM read 4.2194 at step 0 for hours).
        await using var silo = await GrainSilo.StartAsync();
        var (sweep, run, attempt) = await StartTheOnlyRunAsync(silo, "long", """
            name: long
            metric: {name: val_loss, target: 2.0}
            method: grid
            parameters:
              arch: {values: [minlstm]}
            base: {preset: tiny, max_iters: 100, eval_interval: 25}
            """);

        await run.ReportProgress(attempt, 0, 100, [new MetricPoint(0, MetricNames.ValLoss, 4.2194)], 1.0);
        await run.ReportProgress(attempt, 25, 100, [new MetricPoint(25, MetricNames.ValLoss, 1.9)], 2.0);

        var status = (await sweep.GetStatus())!;
        Assert.Equal(SweepState.Running, status.State);
        Assert.Equal(1.9, status.BestByArch["minlstm"]);
        var trial = Assert.Single((await sweep.GetTrials())!);
        Assert.Equal(25, trial.BestStep);
        Assert.Equal(25, trial.StepsToTarget);
    }

    [Fact]
    public async Task ARunGrainActivatedAgainTakesTheEvaluationsItsStateNeverRecorded()
    {
        // An evaluation writes no grain state, only its points: a run grain whose silo died after a stored evaluation
        // must take it back from the metrics store when it is next activated (its best, last step and training time).
        await using var silo = await GrainSilo.StartAsync();
        var (_, run, attempt) = await StartTheOnlyRunAsync(silo, "catch-up", """
            name: catch-up
            metric: {name: val_loss, target: 1.8}
            method: grid
            parameters:
              arch: {values: [mingru]}
            base: {preset: tiny, max_iters: 100, eval_interval: 25}
            """);
        var runId = (await run.GetSpec())!.RunId;
        await run.ReportProgress(attempt, 25, 100, [new MetricPoint(25, MetricNames.ValLoss, 1.9), new MetricPoint(25, MetricNames.WallSeconds, 2.0)], 2.0);

        // Stored, but never reported to this activation: what a killed silo's grain had taken and not yet written.
        await silo.Metrics.AppendAsync(runId, [(50, MetricNames.ValLoss, 1.7), (50, MetricNames.WallSeconds, 4.0)]);
        await silo.DeactivateIdleGrainsAsync();

        var status = (await run.GetStatus())!;
        Assert.Equal((50, 1.7, 50, 50, 4.0), (status.LastStep, status.BestMetric, status.BestStep, status.StepsToTarget, status.TrainingSeconds));
        // The next evaluation goes on from there: a worse one changes nothing.
        Assert.Equal(RunCommand.Continue, await run.ReportProgress(attempt, 75, 100, [new MetricPoint(75, MetricNames.ValLoss, 1.75)], 5.0));
        Assert.Equal((75, 1.7, 50), ((await run.GetStatus())!.LastStep, (await run.GetStatus())!.BestMetric, (await run.GetStatus())!.BestStep));
    }

    [Fact]
    public async Task ADeepSweepFileIsALocatedErrorAndNothingIsStored()
    {
        await using var silo = await GrainSilo.StartAsync();

        foreach (var deep in DeepYaml.All)
        {
            var result = await silo.Grains.GetGrain<ISweepGrain>("deep").Submit(deep.Text, "deep.yaml");

            Assert.False(result.Accepted, deep.Name);
            Assert.StartsWith($"deep.yaml:{deep.Line}:{deep.Column}: ", Assert.Single(result.Errors));
        }
        Assert.Null(await silo.Grains.GetGrain<ISweepGrain>("deep").GetStatus());
        Assert.Empty(await silo.Grains.GetGrain<ISweepRegistryGrain>(0).List());
    }

    /// <summary>Submits a one-trial sweep and starts its run as a device worker would: the run leased, started, its attempt.</summary>
    private static async Task<(ISweepGrain Sweep, IRunGrain Run, int Attempt)> StartTheOnlyRunAsync(GrainSilo silo, string name, string yaml)
    {
        var sweep = silo.Grains.GetGrain<ISweepGrain>(name);
        var submitted = await sweep.Submit(yaml, name + ".yaml");
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
        var queue = silo.Grains.RunQueue();
        var lease = await Poll.Until(() => queue.TryLease(Worker, "cpu"), l => l is not null);
        var run = silo.Grains.GetGrain<IRunGrain>(lease!.RunId);
        return (sweep, run, await run.Start(Worker));
    }
}
