using MinRnnLab.Config;
using MinRnnLab.Tests.Shared;
using MinRnnLab.Abstractions;

namespace MinRnnLab.Cluster.Tests;

/// <summary>PostgreSQL goes away for a while: training goes on, metric batches wait and are delivered in order afterwards.</summary>
public class DatabaseOutageTests
{
    [Fact]
    public async Task RunsKeepTrainingWhileTheDatabaseIsDownAndNoMetricIsLost()
    {
        if (!PostgresServer.CanRestart)
            return;                                                                     // MINRNN_PG points at a server these tests may not stop
        await using var cluster = await InProcessCluster.StartAsync(silos: 2);
        var sweep = await cluster.SubmitAsync("""
            name: outage
            metric: {name: val_loss}
            method: grid
            base: {preset: tiny, max_iters: 100, eval_interval: 10, n_embd: 16}
            checkpoint_interval: 10
            """);
        var run = cluster.Client.Run($"{sweep.SweepId}/0");
        var before = await Poll.UntilThroughFailures(() => run.GetStatus().Found(), s => s.State == RunState.Running && s.LastStep >= 10);

        PostgresServer.Stop();
        await Task.Delay(TimeSpan.FromSeconds(6));
        var during = await run.GetStatus().Found();                                             // an active grain answers from memory
        PostgresServer.StartAgain();

        var final = await cluster.Client.WaitForSweepAsync(sweep.SweepId);
        var status = await run.GetStatus().Found();
        Assert.Equal(SweepState.Completed, final.State);
        Assert.Equal(RunState.Succeeded, status.State);
        Assert.Equal(1, status.Attempt);                                                // never preempted: the lease held
        var steps = (await run.GetMetrics(MetricNames.ValLoss).Found()).Select(p => p.Step).ToArray();
        Assert.Equal(Enumerable.Range(0, 11).Select(i => i * 10), steps);
        Reference.Record($"database outage: 6 s down from step {before.LastStep}; run at step {during.LastStep} during it; "
                         + $"finished attempt {status.Attempt} with {steps.Length} of 11 evaluations stored");
    }
}
