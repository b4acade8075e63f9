using MinRnnLab.Config;
using MinRnnLab.Tests.Shared;
using System.Diagnostics;
using MinRnnLab.Abstractions;

namespace MinRnnLab.Cluster.Tests;

/// <summary>Three silos on one PostgreSQL: losing the machine that trains a run costs at most one checkpoint interval.</summary>
public class SiloFailoverTests
{
    // Dropout 0 and a fixed decay horizon: the only randomness is the seeded batch sampler, so losses must match exactly.
    // Long enough that the kill, sent once step 30 is checkpointed, lands well before the run could end on its own.
    private const string OneRun = """
        name: failover
        metric: {name: val_loss}
        method: grid
        base: {preset: tiny, max_iters: 400, eval_interval: 10, lr_decay_iters: 400, dropout: 0.0, n_embd: 16}
        max_restarts: 3
        checkpoint_interval: 10
        """;

    [Fact]
    public async Task KillingTheSiloThatTrainsARunResumesItElsewhereWithTheUninterruptedLosses()
    {
        await using var cluster = await InProcessCluster.StartAsync(silos: 3);
        var sweep = await cluster.SubmitAsync(OneRun);
        var runId = $"{sweep.SweepId}/0";
        var run = cluster.Client.Run(runId);
        await Poll.UntilThroughFailures(() => run.GetStatus().Found(), s => s.State == RunState.Running && s.LastCheckpointStep >= 30);
        var victim = await Poll.UntilThroughFailures(() => cluster.SiloRunning(runId), _ => true);

        var atKill = await run.GetStatus().Found();
        var clock = Stopwatch.StartNew();
        await cluster.KillAsync(victim);
        // The second attempt's record, not its running state: on a loaded machine the resumed attempt can finish
        // between two polls. Where it resumed from is read once the sweep is done (it is recorded after the load).
        try
        {
            await Poll.UntilThroughFailures(() => run.GetAttempts().Found(), a => a.Length >= 2, pollMs: 50);
        }
        catch (TimeoutException e)
        {
            // Say where the run is stuck: its state and worker, and whether the queue still knows it.
            var queue = await cluster.Client.Queue.GetSnapshot();
            throw new TimeoutException($"{e.Message}; run: {await run.GetStatus()}; queued [{string.Join(", ", queue.Queued)}], " +
                $"leased [{string.Join(", ", queue.Leases.Select(l => $"{l.RunId} to {l.Worker} until {l.ExpiresAt:O}"))}]", e);
        }
        var resumeSeconds = clock.Elapsed.TotalSeconds;

        var final = await cluster.Client.WaitForSweepAsync(sweep.SweepId);
        Assert.Equal(SweepState.Completed, final.State);
        var status = await run.GetStatus().Found();
        Assert.Equal(RunState.Succeeded, status.State);
        Assert.Equal(2, status.Attempt);
        Assert.NotEqual(atKill.Worker, status.Worker);
        // The run may move on between reading its status and the kill, so "lost" is counted from what was last heard.
        var heardOf = Math.Max(atKill.LastStep, atKill.LastCheckpointStep ?? 0);
        var resumedFrom = (await run.GetAttempts().Found())[1].ResumedFromStep ?? 0;
        var stepsLost = Math.Max(0, heardOf - resumedFrom);
        Assert.InRange(stepsLost, 0, 10);                                               // at most one checkpoint interval
        var platform = await run.GetMetrics(MetricNames.ValLoss).Found();
        Assert.Equal(Reference.UninterruptedValLosses(await run.GetSpec().Found()), platform.Select(p => (p.Step, p.Value)));
        Reference.Record($"in-process failover: kill -> resumed in {resumeSeconds:F1} s (lease 3 s, probe 1 s); "
                         + $"last heard step {heardOf}, resumed from checkpoint {resumedFrom}: {stepsLost} steps lost");
    }

    [Fact]
    public async Task ASweepCarriesOnAfterTheWholeClusterRestarts()
    {
        await using var cluster = await InProcessCluster.StartAsync(silos: 2);
        var sweep = await cluster.SubmitAsync("""
            name: restart
            metric: {name: val_loss}
            method: grid
            base: {preset: tiny, max_iters: 60, eval_interval: 20, n_embd: 16}
            parameters:
              learning_rate: {values: [1e-3, 2e-3, 3e-3]}
            parallel: 1
            checkpoint_interval: 20
            """);
        await Poll.UntilThroughFailures(() => cluster.Client.Sweep(sweep.SweepId).GetTrials().Found(),
            t => t.Any(x => x.State == RunState.Succeeded) && t.Any(x => x.State == RunState.Running));

        await cluster.KillAllAsync();
        await cluster.StartSiloAsync();
        await cluster.StartSiloAsync();
        await cluster.ReconnectAsync();

        var final = await cluster.Client.WaitForSweepAsync(sweep.SweepId);
        var trials = await cluster.Client.Sweep(sweep.SweepId).GetTrials().Found();
        var attempts = await Task.WhenAll(trials.Select(t => cluster.Client.Run(t.RunId).GetAttempts().Found()));
        var story = string.Join("; ", trials.Select((t, i) => $"{t.RunId} {t.State}: " +
            string.Join(", ", attempts[i].Select(a => $"#{a.Number} {a.Outcome} {a.Reason}"))));
        Assert.True(final.State == SweepState.Completed && final.RunsByState.GetValueOrDefault(RunState.Succeeded) == 3, story);
        var resumed = await Task.WhenAll(trials.Select(t => cluster.Client.Run(t.RunId).GetStatus().Found()));
        Assert.Contains(resumed, s => s.Attempt == 2);                                 // the interrupted one resumed
        foreach (var trial in trials)
            Assert.Equal([0, 20, 40, 60], (await cluster.Client.Run(trial.RunId).GetMetrics(MetricNames.ValLoss).Found()).Select(p => p.Step));
    }
}
