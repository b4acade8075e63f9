using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Grains.Tests;

/// <summary>
/// A sweep with `early_terminate: {type: patience}` ends a trial a number of evaluations after its best, as succeeded:
/// its best is its result, and reports count it. The run asks for CUDA, which the test platform's CPU slot never
/// leases, so the test itself plays the worker and chooses the losses.
/// </summary>
public class PatienceStopTests
{
    private const string Worker = "test-machine-1-abc/cuda:0#0";

    private const string PatienceSweep = """
        name: patience
        metric: {name: val_loss}
        method: grid
        base: {preset: tiny, device: cuda, max_iters: 100, eval_interval: 10, arch: mingru}
        early_terminate: {type: patience, evals: 2}
        """;

    [Fact]
    public async Task ATrialEndsTwoEvaluationsAfterItsBestAsSucceededAndTheReportCountsIt()
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
        Assert.Equal((3.0, 10), (status.BestValLoss!.Value, status.BestStep!.Value));
        Assert.Equal(RunCommand.Stop, await run.ReportProgress(attempt, 40, 100, ValLoss(40, 2.0), 4.0));   // the worker learns of it
        Assert.Equal(3.0, (await run.GetStatus().Found()).BestValLoss);                 // and what it trained past the stop is not the run's

        var trial = await Poll.Until(async () => (await lab.Client.Sweep(sweep.SweepId).GetTrials().Found())[0], t => t.State.IsFinal(), seconds: 30);
        Assert.Equal(RunState.Succeeded, trial.State);
        var row = Assert.Single((await SweepReport.BuildAsync(lab.Client, sweep.SweepId)).Architectures);
        Assert.Equal((1, 3.0, 10.0), (row.Runs, row.BestValLossMean!.Value, row.BestStepMean!.Value));
        Assert.Equal(SweepState.Completed, (await lab.Client.GetSweepAsync(sweep.SweepId)).State);
    }

    private static MetricPoint[] ValLoss(int step, double value) => [new(step, MetricNames.ValLoss, value)];
}
