using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MinRnnLab.Tests.Shared;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Hosting;
using MinRnnLab.Storage;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// Each trial trains in a process of its own (Lab:Executor process) on the real embedded platform: it reports as
/// training in the silo's process does, and its death, its stop and its silo's shutdown touch that trial alone.
/// </summary>
public partial class TrialProcessTests
{
    [Fact]
    public async Task ATrialInItsOwnProcessReportsEveryEvaluationAndResumesFromItsCheckpointAfterAHandBack()
    {
        await using var lab = await Lab.StartAsync(executor: ExecutorKind.Process);
        // max_restarts 0: a hand-back on shutdown is no restart, so the run must still finish.
        var sweep = await lab.SubmitAsync(Sweep("handback", maxIters: 600, maxRestarts: 0));
        var runId = $"{sweep.SweepId}/0";
        await Poll.Until(() => lab.Client.Run(runId).GetStatus().Found(), s => s.LastCheckpointStep >= 50);

        await lab.RestartAsync();                                                       // a graceful stop: the trial checkpoints on SIGTERM

        await lab.Client.WaitForSweepAsync(sweep.SweepId);
        var status = await lab.Client.Run(runId).GetStatus().Found();
        Assert.Equal(RunState.Succeeded, status.State);
        var attempts = await lab.Client.Run(runId).GetAttempts().Found();
        Assert.Equal(RunState.Preempted, attempts[0].Outcome);
        Assert.Contains("shut down", attempts[0].Reason);
        Assert.True(attempts[1].ResumedFromStep >= 50, $"resumed from {attempts[1].ResumedFromStep}");
        var valLoss = await lab.Client.Run(runId).GetMetrics(MetricNames.ValLoss).Found();
        Assert.Equal(Enumerable.Range(0, 13).Select(i => i * 50), valLoss.Select(p => p.Step).Distinct().Order());
        Assert.All(attempts, a =>
        {
            Assert.NotNull(a.Usage);
            Assert.InRange(a.Usage.PeakMemoryBytes, 50_000_000, 8_000_000_000);       // a .NET process with libtorch loaded
            Assert.True(a.Usage.CpuSeconds > 0);
        });
    }

    [Fact]
    public async Task ATrialKilledBySigkillRestartsAloneWhileAnotherTrialInTheSameSiloFinishes()
    {
        await using var lab = await Lab.StartAsync(executor: ExecutorKind.Process, slots: 2);
        var sweep = await lab.SubmitAsync(Sweep("sigkill", maxIters: 600, maxRestarts: 1, parallel: 2, parameters: "learning_rate: {values: [1e-3, 2e-3]}"));
        var (victim, bystander) = ($"{sweep.SweepId}/0", $"{sweep.SweepId}/1");
        await Poll.Until(() => lab.Client.Run(victim).GetStatus().Found(), s => s.LastCheckpointStep >= 50);
        var pid = await TrialPid(lab, victim, attempt: 1);
        // Killed between evaluations (every 50 steps), so the steps it trained past its last report are known only to
        // the run's folder, and the attempt that resumes tells the run.
        var mark = new StepReachedMark(new LabPaths(lab.Options.DataFolder, lab.Options.ArtifactsFolder).CheckpointFolder(victim), attempt: 0);
        var reached = await Poll.Until(() => Task.FromResult(mark.Read()), r => r is { Attempt: 1, Step: > 50 } && r.Step % 50 != 0);

        Process.GetProcessById(pid).Kill();                                             // SIGKILL, as the OOM killer sends it

        var final = await lab.Client.WaitForSweepAsync(sweep.SweepId);
        Assert.Equal(2, final.RunsByState[RunState.Succeeded]);
        var attempts = await lab.Client.Run(victim).GetAttempts().Found();
        Assert.Equal(RunState.Failed, attempts[0].Outcome);
        Assert.Contains($"trial process {pid} killed by signal 9 (SIGKILL)", attempts[0].Reason);
        Assert.NotNull(attempts[0].Usage);                                              // sampled while it lived
        Assert.True(attempts[1].ResumedFromStep >= 50, $"resumed from {attempts[1].ResumedFromStep}");
        Assert.True(attempts[0].LastStep >= reached!.Step, $"attempt 1 trained to {reached.Step}, its last step says {attempts[0].LastStep}");
        if (attempts[0].LastStep > attempts[1].ResumedFromStep)
            Assert.Contains(RunLog.Tail(LogFile(lab, victim), 200), line => line.Contains($"attempt 1 had trained to step {attempts[0].LastStep}"));
        Assert.Contains(RunLog.Tail(LogFile(lab, victim), 200), line => line.Contains($"attempt 1: trial process {pid} killed by signal 9"));
        Assert.Single((await lab.Client.Run(bystander).GetAttempts().Found()));        // the other trial never noticed
    }

    [Fact]
    public async Task ACancelledTrialsProcessIsGoneWithinItsGracePeriodWithoutBeingKilled()
    {
        await using var lab = await Lab.StartAsync(executor: ExecutorKind.Process);
        var sweep = await lab.SubmitAsync(Sweep("cancel", maxIters: 100_000, maxRestarts: 0));
        var runId = $"{sweep.SweepId}/0";
        await Poll.Until(() => lab.Client.Run(runId).GetStatus().Found(), s => s.LastStep >= 50);
        using var trial = Process.GetProcessById(await TrialPid(lab, runId, attempt: 1));

        await lab.Client.Sweep(sweep.SweepId).Cancel();

        // The worker hears of the cancel at its next heartbeat (1 s here) or evaluation answer, then has the grace period.
        var deadline = lab.Options.HeartbeatInterval + lab.Options.TrialStopGrace + TimeSpan.FromSeconds(2);
        Assert.True(await trial.WaitForExitAsync(new CancellationTokenSource(deadline).Token).ContinueWith(t => t.IsCompletedSuccessfully),
            $"trial process {trial.Id} still running {deadline.TotalSeconds} s after the cancel");
        Assert.Equal(RunState.Cancelled, (await lab.Client.Run(runId).GetStatus().Found()).State);
        Assert.DoesNotContain(RunLog.Tail(LogFile(lab, runId), 200), line => line.Contains("did not stop within"));
    }

    // Evaluations and checkpoints every 50 steps, and long enough that a stop sent after the first checkpoint lands
    // well before the end, even on a quick machine.
    private static string Sweep(string name, int maxIters, int maxRestarts, int parallel = 1, string? parameters = null) => $$"""
        name: {{name}}
        metric: {name: val_loss}
        method: grid
        base: {preset: tiny, max_iters: {{maxIters}}, eval_interval: 50, lr_decay_iters: {{maxIters}}, n_embd: 16}
        max_restarts: {{maxRestarts}}
        parallel: {{parallel}}
        checkpoint_interval: 50
        {{(parameters is null ? "" : $"parameters: {{{parameters}}}")}}
        """;

    private static string LogFile(Lab lab, string runId) => new LabPaths(lab.Options.DataFolder, lab.Options.ArtifactsFolder).RunLogFile(runId);

    /// <summary>The trial process of <paramref name="attempt"/>, as its worker wrote it into run.log.</summary>
    private static async Task<int> TrialPid(Lab lab, string runId, int attempt)
    {
        var line = await Poll.Until(() => Task.FromResult(RunLog.Tail(LogFile(lab, runId), 200).FirstOrDefault(l => l.Contains($"attempt {attempt} trains in process "))),
            l => l is not null);
        return int.Parse(TrainsInProcess().Match(line!).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"trains in process (\d+)")]
    private static partial Regex TrainsInProcess();
}
