using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;
using MinRnnLab.Grains;
using MinRnnLab.Storage;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// Runs that end early (cancelled, preempted, out of restarts, ended by patience) keep what their workers measured. The
/// runs ask for CUDA, which the test platform's CPU slot never leases, so the test itself plays the worker, call by call.
/// </summary>
public class StoppedRunTests
{
    private const string Worker = "test-machine-1-abc/cuda:0#0";

    private const string CudaGrid = """
        name: stopped
        metric: {name: val_loss}
        method: grid
        base: {preset: tiny, device: cuda, max_iters: 100, eval_interval: 10}
        parameters:
          learning_rate: {values: [1e-3, 2e-3, 3e-3, 4e-3]}
        parallel: 2
        max_restarts: 1
        """;

    private const string PatienceSweep = """
        name: patience
        metric: {name: val_loss}
        method: grid
        base: {preset: tiny, device: cuda, max_iters: 100, eval_interval: 10, arch: mingru}
        early_terminate: {type: patience, evals: 2}
        """;

    [Fact]
    public async Task ACancelledRunKeepsTheEvaluationItsWorkerDeliversAfterTheStopAndItsTrainingTime()
    {
        await using var lab = await Lab.StartAsync();
        var sweep = await lab.SubmitAsync(CudaGrid);
        var run = lab.Client.Run($"{sweep.SweepId}/0");
        var attempt = await run.Start(Worker);
        Assert.Equal(RunCommand.Continue, await run.ReportProgress(attempt, 10, 100, ValLoss(10, 3.0), 5.0));

        var cancelled = await lab.Client.Sweep(sweep.SweepId).Cancel();

        // The worker was between evaluations: it delivers the next one, learns of the stop, then acknowledges it.
        Assert.Equal(RunCommand.Stop, await run.ReportProgress(attempt, 20, 100, ValLoss(20, 2.5), 9.0));
        await run.Complete(attempt, new RunOutcome(RunState.Cancelled, 21, null, "stopped", 9.5));
        Assert.Equal(RunCommand.Stop, await run.ReportProgress(attempt + 1, 30, 100, ValLoss(30, 1.0), 1.0));   // no such attempt

        var status = await run.GetStatus().Found();
        Assert.Equal(RunState.Cancelled, status.State);
        Assert.Equal((2.5, 20, 21, 9.5), (status.BestMetric!.Value, status.BestStep!.Value, status.LastStep, status.TrainingSeconds));
        Assert.Equal([10, 20], (await run.GetMetrics(MetricNames.ValLoss).Found()).Select(p => p.Step));
        var trial = await Poll.Until(async () => (await lab.Client.Sweep(sweep.SweepId).GetTrials().Found())[0], t => t.TrainingSeconds == 9.5, seconds: 30);
        Assert.Equal((RunState.Cancelled, 2.5), (trial.State, trial.BestMetric!.Value));
        var row = (await SweepReport.BuildAsync(lab.Client, sweep.SweepId)).Trials[0];
        Assert.Equal((9.5, 2.5), (row.TrainingSeconds, row.BestMetric!.Value));

        // Two trials ran and were cancelled, two never started: all four are over, so the sweep reads 100%.
        Assert.NotNull(cancelled);
        var final = await lab.Client.GetSweepAsync(sweep.SweepId);
        Assert.Equal((SweepState.Cancelled, 2, 2, 4, 1.0, true),
            (final.State, final.RunsByState[RunState.Cancelled], final.CancelledBeforeStart, final.Finished, final.Progress, final.IsComplete));
    }

    [Fact]
    public async Task ARealWorkerStoppedByACancelReportsItsTrainingTimeAndItsRunAgreesWithItsCurve()
    {
        await using var lab = await Lab.StartAsync();
        var sweep = await lab.SubmitAsync(CudaGrid.Replace("device: cuda, max_iters: 100", "max_iters: 100000, n_embd: 16, block_size: 16"));
        var runId = $"{sweep.SweepId}/0";
        await Poll.Until(() => lab.Client.Run(runId).GetStatus().Found(), s => s.BestMetric is not null && s.LastStep >= 10);

        await lab.Client.Sweep(sweep.SweepId).Cancel();

        // The worker notices at its next report or heartbeat, then acknowledges with how long it trained.
        // The worker notices at its next report or heartbeat, delivers what it has, and acknowledges with its time;
        // the sweep's trial row follows the run.
        var run = lab.Client.Run(runId);
        var (status, valLoss, attempt, trial) = await Poll.Until(async () => (
                await run.GetStatus().Found(), await run.GetMetrics(MetricNames.ValLoss).Found(),
                Assert.Single(await run.GetAttempts().Found()), (await lab.Client.Sweep(sweep.SweepId).GetTrials().Found())[0]),
            read => read.Item1.TrainingSeconds > 0 && read.Item3.TrainingSeconds == read.Item1.TrainingSeconds
                    && read.Item4.TrainingSeconds == read.Item1.TrainingSeconds, seconds: 60);
        Assert.Equal((RunState.Cancelled, RunState.Cancelled), (status.State, attempt.Outcome));
        Assert.Equal(valLoss.Min(p => p.Value), status.BestMetric);
        Assert.Equal(status.BestMetric, trial.BestMetric);
        Assert.Equal(1.0, (await lab.Client.GetSweepAsync(sweep.SweepId)).Progress);
    }

    [Fact]
    public async Task TrainingTimeAddsUpOverAttemptsIncludingOneKilledMidRun()
    {
        await using var lab = await Lab.StartAsync();
        var sweep = await lab.SubmitAsync(CudaGrid);
        var run = lab.Client.Run($"{sweep.SweepId}/0");
        var first = await run.Start(Worker);
        await run.ReportProgress(first, 10, 100, ValLoss(10, 3.0), 11.0);
        Assert.True(await run.Preempt(Worker, "lease of the first worker expired"));   // killed: it never completes

        var second = await run.Start(Worker);
        await run.ReportProgress(second, 20, 100, ValLoss(20, 2.8), 4.0);
        await run.Complete(second, new RunOutcome(RunState.Succeeded, 100, 2.7, null, 13.6));

        var status = await run.GetStatus().Found();
        Assert.Equal((RunState.Succeeded, 24.6), (status.State, Math.Round(status.TrainingSeconds, 6)));
        Assert.Equal([11.0, 13.6], (await run.GetAttempts().Found()).Select(a => a.TrainingSeconds));
        var trial = await Poll.Until(async () => (await lab.Client.Sweep(sweep.SweepId).GetTrials().Found())[0], t => t.State.IsFinal(), seconds: 30);
        Assert.Equal(24.6, Math.Round(trial.TrainingSeconds, 6));
        var report = await SweepReport.BuildAsync(lab.Client, sweep.SweepId);            // what `minrnn sweep report` prints and writes
        Assert.Equal(24.6, Math.Round(report.Trials.Single(t => t.RunId == status.RunId).TrainingSeconds, 6));
    }

    [Fact]
    public async Task AResumeCreditsTheKilledAttemptWithTheStepsItTrainedPastItsLastReport()
    {
        await using var lab = await Lab.StartAsync();
        var sweep = await lab.SubmitAsync(CudaGrid);
        var run = lab.Client.Run($"{sweep.SweepId}/0");
        var first = await run.Start(Worker);
        await run.ReportProgress(first, 20, 100, ValLoss(20, 3.0), 11.0);
        await run.ReportCheckpoint(first, 20);
        Assert.True(await run.Preempt(Worker, "lease of the first worker expired"));   // killed at step 27, between reports
        var second = await run.Start(Worker);

        await run.ReportResume(second, 20, new StepReached(second, 90));             // its own attempt: not an earlier one
        await run.ReportResume(second, 20, new StepReached(7, 90));                  // no such attempt
        await run.ReportResume(second, 20, new StepReached(first, 27));              // what the run's folder said
        await run.ReportProgress(second, 30, 100, ValLoss(30, 2.8), 4.0);

        var attempts = await run.GetAttempts().Found();
        Assert.Equal([(27, null), (30, 20)], attempts.Select(a => (a.LastStep, a.ResumedFromStep)));
        Assert.Equal([0, 7], AttemptRow.Of($"{sweep.SweepId}/0", "mingru", attempts).Select(r => r.StepsRetrained));

        // A stop checkpoints the step in flight, past the last evaluation: the attempt trained to there.
        await run.ReportCheckpoint(second, 34);
        Assert.Equal(34, (await run.GetAttempts().Found())[1].LastStep);
        Assert.Equal(30, (await run.GetStatus().Found()).LastStep);                    // the run's: its last stored evaluation

        // A step past the run's max_iters is a worker's mistake: it counts as no more than the run can train.
        await run.ReportResume(second, 20, new StepReached(first, 1_000_000));
        Assert.Equal(100, (await run.GetAttempts().Found())[0].LastStep);
    }

    [Fact]
    public async Task ARunOutOfRestartsSaysWhyInItsLog()
    {
        await using var lab = await Lab.StartAsync();
        var sweep = await lab.SubmitAsync(CudaGrid);
        var run = lab.Client.Run($"{sweep.SweepId}/0");
        Assert.True(await run.Preempt(Worker, "ignored: never started")); // leased but never started: just re-queued
        await run.Start(Worker);
        Assert.True(await run.Retry(Worker, "trial process 1 killed by signal 11"));
        await run.Start(Worker);
        Assert.True(await run.Preempt(Worker, "lease of worker 1 expired"));   // its silo died: not counted
        await run.Start(Worker);

        Assert.False(await run.Retry(Worker, "trial process 2 killed by signal 11"));

        var status = await run.GetStatus().Found();
        Assert.Equal(RunState.Failed, status.State);
        var log = RunLog.Tail(new LabPaths(lab.Options.DataFolder).RunLogFile(status.RunId), 50);
        var failure = Assert.Single(log, line => line.Contains(" failed: "));
        Assert.Contains("trial process 2 killed by signal 11; gave up after 2 failed attempts (max_restarts 1)", failure);
    }

    [Fact]
    public async Task ALostLeaseIsAPreemptionThatDoesNotUseUpMaxRestarts()
    {
        await using var lab = await Lab.StartAsync();
        var sweep = await lab.SubmitAsync(CudaGrid);                                    // max_restarts 1
        var run = lab.Client.Run($"{sweep.SweepId}/0");

        // `kill -9` of the platform, MaxLostLeases times: each lease expires, and the run waits to resume every time.
        for (var lost = 1; lost <= RunGrain.MaxLostLeases; lost++)
        {
            await run.Start(Worker);
            Assert.True(await run.Preempt(Worker, $"lease of worker {lost} expired"));
        }
        var waiting = await run.GetStatus().Found();
        Assert.Equal(RunState.Preempted, waiting.State);
        Assert.Equal($"lease of worker {RunGrain.MaxLostLeases} expired: preempted, not counted against max_restarts", waiting.Reason);

        // One more is a trial that takes every silo down with it (trained in the silo's own process): it fails, named.
        await run.Start(Worker);
        Assert.False(await run.Preempt(Worker, "lease of worker 11 expired"));
        var failed = await run.GetStatus().Found();
        Assert.Equal(RunState.Failed, failed.State);
        Assert.Equal("lease of worker 11 expired; gave up after losing its worker 11 times (each silo that trained it died or stopped answering)", failed.Reason);
    }

    [Fact]
    public async Task APatienceStopEndsTheRunTwoEvaluationsAfterItsBestAsSucceededAndTheReportCountsIt()
    {
        await using var lab = await Lab.StartAsync();
        var sweep = await lab.SubmitAsync(PatienceSweep);
        var run = lab.Client.Run($"{sweep.SweepId}/0");
        var attempt = await run.Start(Worker);

        foreach (var (step, loss) in new[] { (0, 4.0), (10, 3.0), (20, 3.5) })
            Assert.Equal(RunCommand.Continue, await run.ReportProgress(attempt, step, 100, ValLoss(step, loss), step / 10.0));
        Assert.Equal(RunState.Running, (await run.GetStatus().Found()).State);
        await run.ReportProgress(attempt, 30, 100, ValLoss(30, 3.2), 3.0);             // two evaluations after the best: done

        // The sweep hears of evaluations one way, so the stop follows the report.
        var status = await Poll.Until(() => run.GetStatus().Found(), s => s.State.IsFinal(), seconds: 30);
        Assert.Equal(RunState.Succeeded, status.State);
        Assert.Equal("stopped by patience at step 30 (eval 3), best at step 10 (eval 1): val_loss 3 not improved by more than min_delta 0 in 2 evaluations",
            status.Reason);
        Assert.Equal((3.0, 10), (status.BestMetric!.Value, status.BestStep!.Value));
        Assert.Equal(RunCommand.Stop, await run.ReportProgress(attempt, 40, 100, ValLoss(40, 2.0), 4.0));   // the worker learns of it
        Assert.Equal(3.0, (await run.GetStatus().Found()).BestMetric);                 // and what it trained past the stop is not the run's

        var trial = await Poll.Until(async () => (await lab.Client.Sweep(sweep.SweepId).GetTrials().Found())[0], t => t.State.IsFinal(), seconds: 30);
        Assert.Equal(RunState.Succeeded, trial.State);
        var row = Assert.Single((await SweepReport.BuildAsync(lab.Client, sweep.SweepId)).Architectures);
        Assert.Equal((1, 3.0, 10.0), (row.Runs, row.BestMetricMean!.Value, row.BestStepMean!.Value));
        Assert.Equal(SweepState.Completed, (await lab.Client.GetSweepAsync(sweep.SweepId)).State);
    }

    [Fact]
    public async Task EvaluationsDeliveredInOneBatchAreJudgedOneByOneAndOnlyASweepThatJudgesHearsOfThem()
    {
        await using var lab = await Lab.StartAsync();
        var plain = await lab.SubmitAsync(CudaGrid);
        Assert.False((await lab.Client.Run($"{plain.SweepId}/0").GetSpec())!.EvaluationsJudged);
        var sweep = await lab.SubmitAsync(PatienceSweep);
        var run = lab.Client.Run($"{sweep.SweepId}/0");
        Assert.True((await run.GetSpec())!.EvaluationsJudged);
        var attempt = await run.Start(Worker);

        // Four evaluations queued behind a slow report reach the run as one (RunReporter): the best at step 10, and two
        // evaluations after it, so patience stops the run at step 30, as when they came one by one.
        MetricPoint[] batch = [.. new[] { (0, 4.0), (10, 3.0), (20, 3.5), (30, 3.2) }.SelectMany(e => ValLoss(e.Item1, e.Item2))];
        await run.ReportProgress(attempt, 30, 100, batch, 3.0);

        var status = await Poll.Until(() => run.GetStatus().Found(), s => s.State.IsFinal(), seconds: 30);
        Assert.Equal((RunState.Succeeded, 3.0, 10, 30), (status.State, status.BestMetric!.Value, status.BestStep!.Value, status.LastStep));
        Assert.StartsWith("stopped by patience at step 30 (eval 3), best at step 10 (eval 1)", status.Reason);
        Assert.Equal([0, 10, 20, 30], (await run.GetMetrics(MetricNames.ValLoss).Found()).Select(p => p.Step));
    }

    private static MetricPoint[] ValLoss(int step, double value) => [new(step, MetricNames.ValLoss, value)];
}
