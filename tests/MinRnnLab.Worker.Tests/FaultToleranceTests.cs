using MinRnnLab.Tests.Shared;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Training.Data;
using MinRnnLab.Training.Trainer;

namespace MinRnnLab.Worker.Tests;

/// <summary>Lost leases and restarts: runs resume from their checkpoints and finish as if nothing happened.</summary>
public class FaultToleranceTests
{
    // Dropout 0 and one slot: the only randomness is the seeded batch sampler, so losses must match exactly.
    // Long enough that the revoke, sent once step 40 is checkpointed, lands well before the end even on a quick
    // machine (at 120 steps a quiet CI machine finished the run between two polls, so it was never preempted).
    private const string OneRun = """
        name: resume
        metric: {name: val_loss}
        method: grid
        base: {preset: tiny, max_iters: 600, eval_interval: 20, lr_decay_iters: 600, dropout: 0.0, n_embd: 32}
        max_restarts: 3
        checkpoint_interval: 20
        """;

    [Fact]
    public async Task ARevokedLeaseResumesFromTheCheckpointAndEndsWithTheUninterruptedLosses()
    {
        await using var lab = await Lab.StartAsync();
        var sweep = await lab.SubmitAsync(OneRun);
        var runId = $"{sweep.SweepId}/0";
        await Poll.Until(() => lab.Client.Run(runId).GetStatus().Found(), s => s.LastCheckpointStep >= 40);

        await lab.Client.Queue.Revoke(runId);                                           // as if its machine had died

        await lab.Client.WaitForSweepAsync(sweep.SweepId);
        var status = await lab.Client.Run(runId).GetStatus().Found();
        Assert.Equal(RunState.Succeeded, status.State);
        // Attempt 1 ends at the revoke. With the tests' 3 s lease a stalled machine can let a later lease lapse too;
        // that attempt also resumes from its checkpoint, so the losses below must match all the same.
        var attempts = await lab.Client.Run(runId).GetAttempts().Found();
        Assert.Equal(RunState.Preempted, attempts[0].Outcome);
        Assert.Contains("lease revoked", attempts[0].Reason);
        Assert.True(status.Attempt >= 2);
        var platform = await lab.Client.Run(runId).GetMetrics(MetricNames.ValLoss).Found();
        var reference = UninterruptedValLosses(await lab.Client.Run(runId).GetSpec().Found());
        Assert.Equal(reference, platform.Select(p => (p.Step, p.Value)));
    }

    [Fact]
    public async Task ASweepCarriesOnAfterTheHostRestartsMidway()
    {
        await using var lab = await Lab.StartAsync();
        var sweep = await lab.SubmitAsync("""
            name: restart
            metric: {name: val_loss}
            method: grid
            base: {preset: tiny, max_iters: 80, eval_interval: 20, n_embd: 16}
            parameters:
              learning_rate: {values: [1e-3, 2e-3, 3e-3]}
            parallel: 1
            checkpoint_interval: 20
            """);
        await Poll.Until(() => lab.Client.Sweep(sweep.SweepId).GetTrials().Found(),
            t => t.Any(x => x.State == RunState.Succeeded) && t.Any(x => x.State == RunState.Running));

        await lab.RestartAsync();

        var final = await lab.Client.WaitForSweepAsync(sweep.SweepId);
        Assert.Equal(SweepState.Completed, final.State);
        Assert.Equal(3, final.RunsByState[RunState.Succeeded]);
        var interrupted = (await lab.Client.Sweep(sweep.SweepId).GetTrials().Found())[1];
        var status = await lab.Client.Run(interrupted.RunId).GetStatus().Found();
        Assert.Equal(2, status.Attempt);                                                // resumed, not restarted from scratch
        var valLoss = await lab.Client.Run(interrupted.RunId).GetMetrics(MetricNames.ValLoss).Found();
        Assert.Equal([0, 20, 40, 60, 80], valLoss.Select(p => p.Step));
    }

    private static (int Step, double Loss)[] UninterruptedValLosses(RunSpec spec)
    {
        var observer = new Recorder();
        using var data = CharDataset.Load(TestCorpus.FilePath);
        using var trainer = new TrainingLoop(spec.Config, data, observer);
        trainer.Run();
        return observer.Losses.ToArray();
    }

    private sealed class Recorder : Training.Trainer.ITrainingObserver
    {
        public List<(int, double)> Losses { get; } = [];
        public void OnEvaluation(Training.Trainer.EvaluationReport report) => Losses.Add((report.Step, report.ValLoss));
    }
}
