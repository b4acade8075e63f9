using MinRnnLab.Tests.Shared;
using MinRnnLab.Abstractions;

namespace MinRnnLab.Worker.Tests;

/// <summary>A sweep's plan: every trial it will run is visible before its run starts.</summary>
public class SweepPlanTests
{
    // 2 architectures × 2 learning rates × 2 seeds = 8 trials, 2 at a time, each far too long to finish during the test.
    private const string LongGrid = """
        name: plan-grid
        metric: {name: val_loss, goal: minimize}
        method: grid
        base: {preset: tiny, max_iters: 100000, eval_interval: 1000, n_embd: 16, block_size: 16}
        parameters:
          arch: {values: [transformer, mingru]}
          learning_rate: {values: [1e-3, 3e-3]}
        seeds: 2
        parallel: 2
        """;

    [Fact]
    public async Task AGridSweepListsEveryTrialNotStartedYetInOrderAsQueued()
    {
        await using var lab = await Lab.StartAsync();
        var submitted = await lab.SubmitAsync(LongGrid);
        var sweep = lab.Client.Sweep(submitted.SweepId);

        var started = await sweep.GetTrials().Found();
        var plan = await sweep.GetPlan(100).Found();

        Assert.Equal(2, started.Length);
        Assert.Equal(6, plan.NotStarted);
        Assert.Equal([2, 3, 4, 5, 6, 7], plan.Upcoming.Select(t => t.Index));
        Assert.All(plan.Upcoming, t => Assert.Equal(RunState.Queued, t.State));
        Assert.Equal($"{submitted.SweepId}/5", plan.Upcoming[3].RunId);
        Assert.Equal([0, 1, 0, 1, 0, 1], plan.Upcoming.Select(t => t.SeedIndex));
        Assert.Equal(3, (await sweep.GetPlan(3).Found()).Upcoming.Length);              // the limit bounds the answer

        await sweep.Cancel();
        Assert.Equal(0, (await sweep.GetPlan(100).Found()).NotStarted);                // a cancelled sweep starts nothing more
        Assert.Null(await lab.Client.Sweep("no-such-sweep").GetPlan(10));
    }

    [Fact]
    public async Task ASweepsPageReadsWhatItsSeparateCallsReadInOneCall()
    {
        await using var lab = await Lab.StartAsync();
        var submitted = await lab.SubmitAsync(LongGrid);
        var sweep = lab.Client.Sweep(submitted.SweepId);
        await Poll.Until(() => sweep.GetStatus(), s => s!.Started == 2);

        var page = await sweep.GetPage(3).Found();

        Assert.Equal((await sweep.GetStatus())!.SweepId, page.Status.SweepId);
        Assert.Equal((await sweep.GetTrials().Found()).Select(t => t.RunId), page.Trials.Select(t => t.RunId));
        Assert.Equal([2, 3, 4], page.Plan.Upcoming.Select(t => t.Index));               // the limit bounds the plan
        Assert.Equal(6, page.Plan.NotStarted);
        Assert.Equal(LongGrid, page.Definition);
        await sweep.Cancel();
    }

    [Fact]
    public async Task ABayesSweepCountsTheTrialsStillToBeProposed()
    {
        await using var lab = await Lab.StartAsync();
        var submitted = await lab.SubmitAsync(LongGrid.Replace("method: grid", "method: bayes\nrun_cap: 8"));
        // A bayes sweep proposes off its grain's turn (a timer applies each proposal), so its first `parallel` trials
        // start just after the submission returns, not within it.
        await Poll.Until(() => lab.Client.Sweep(submitted.SweepId).GetStatus(), s => s!.Started == 2);

        var plan = await lab.Client.Sweep(submitted.SweepId).GetPlan(100).Found();

        Assert.Empty(plan.Upcoming);
        Assert.Equal(6, plan.NotStarted);
    }
}
