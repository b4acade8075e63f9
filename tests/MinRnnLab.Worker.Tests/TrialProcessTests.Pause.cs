using System.Diagnostics;
using MinRnnLab.Tests.Shared;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Hosting;
using MinRnnLab.Storage;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// Pausing a sweep stops its trials, not just the next ones: the trial that trains checkpoints and its process exits
/// (SIGTERM, within the grace period), the one that waits leaves the queue, and no device holds either while paused.
/// Resumed, both continue from where they were and finish; the pause used up no restart.
/// </summary>
public partial class TrialProcessTests
{
    [Fact]
    public async Task APausedSweepsTrainingTrialCheckpointsAndExitsItsWaitingTrialLeavesTheQueueAndBothFinishWhenResumed()
    {
        await using var lab = await Lab.StartAsync(executor: ExecutorKind.Process);      // one slot: trial 0 trains, trial 1 waits
        var sweep = await lab.SubmitAsync(Sweep("pause", maxIters: 600, maxRestarts: 0, parallel: 2, parameters: "learning_rate: {values: [1e-3, 2e-3]}"));
        var (training, waiting) = ($"{sweep.SweepId}/0", $"{sweep.SweepId}/1");
        await Poll.Until(() => lab.Client.Run(training).GetStatus().Found(), s => s.LastCheckpointStep >= 50);
        using var trial = Process.GetProcessById(await TrialPid(lab, training, attempt: 1));

        await lab.Client.Sweep(sweep.SweepId).Pause();

        var deadline = lab.Options.HeartbeatInterval + lab.Options.TrialShutdownGrace + TimeSpan.FromSeconds(2);
        Assert.True(await trial.WaitForExitAsync(new CancellationTokenSource(deadline).Token).ContinueWith(t => t.IsCompletedSuccessfully),
            $"trial process {trial.Id} still running {deadline.TotalSeconds} s after the pause");
        var paused = await Poll.Until(() => lab.Client.Run(training).GetStatus().Found(), s => s.State == RunState.Paused);
        Assert.Equal(RunState.Paused, (await lab.Client.Run(waiting).GetStatus().Found()).State);
        var first = (await lab.Client.Run(training).GetAttempts().Found()).Single();
        Assert.Equal(RunState.Preempted, first.Outcome);
        Assert.Contains("paused", first.Reason);
        Assert.True(paused.LastCheckpointStep >= first.LastStep, $"checkpoint {paused.LastCheckpointStep} behind step {first.LastStep}: the pause lost steps");
        Assert.DoesNotContain(RunLog.Tail(LogFile(lab, training), 200), line => line.Contains("did not stop within"));   // SIGTERM sufficed
        await Task.Delay(lab.Options.HeartbeatInterval * 3);                           // long enough for a free slot to lease
        var queue = await lab.Client.Queue.GetSnapshot();
        Assert.Empty(queue.Leases);
        Assert.Empty(queue.Queued);
        Assert.Equal(RunState.Paused, (await lab.Client.Run(training).GetStatus().Found()).State);

        await lab.Client.Sweep(sweep.SweepId).Resume();

        var final = await lab.Client.WaitForSweepAsync(sweep.SweepId);
        Assert.Equal(2, final.RunsByState[RunState.Succeeded]);
        var attempts = await lab.Client.Run(training).GetAttempts().Found();
        Assert.Equal(2, attempts.Length);
        Assert.Equal(paused.LastCheckpointStep, attempts[1].ResumedFromStep);
        var valLoss = await lab.Client.Run(training).GetMetrics(MetricNames.ValLoss).Found();
        Assert.Equal(Enumerable.Range(0, 13).Select(i => i * 50), valLoss.Select(p => p.Step).Distinct().Order());
        Assert.Single(await lab.Client.Run(waiting).GetAttempts().Found());            // it never started before the pause
    }
}
