using MinRnnLab.Tests.Shared;
using MinRnnLab.Abstractions;

namespace MinRnnLab.Worker.Tests;

/// <summary>TPE and early termination driven by the sweep grain on real training.</summary>
public class SmartSearchTests
{
    [Fact]
    public async Task TheMedianRulePrunesARunThatLearnsNothingAndRecordsWhy()
    {
        await using var lab = await Lab.StartAsync();
        var sweep = await lab.SubmitAsync("""
            name: prune
            metric: {name: val_loss}
            method: grid
            base: {preset: tiny, max_iters: 40, eval_interval: 10, n_embd: 16, decay_lr: false}
            parameters:
              learning_rate: {values: [1e-2, 1e-7]}
            parallel: 1
            early_terminate: {type: median, min_evals: 2, min_runs: 1}
            """);

        await lab.Client.WaitForSweepAsync(sweep.SweepId);

        var trials = await lab.Client.Sweep(sweep.SweepId).GetTrials().Found();
        Assert.Equal(RunState.Succeeded, trials[0].State);
        Assert.Equal(RunState.Pruned, trials[1].State);
        var pruned = await lab.Client.Run(trials[1].RunId).GetStatus().Found();
        Assert.StartsWith("median rule: best val_loss", pruned.Reason);
        Assert.Contains("at eval 2 worse than median", pruned.Reason);
        Assert.True(pruned.LastStep < 40, $"pruned run went on to step {pruned.LastStep}");
    }

    [Fact]
    public async Task ABayesSweepRunsItsBudgetWithSuggestedParameters()
    {
        await using var lab = await Lab.StartAsync();
        var sweep = await lab.SubmitAsync("""
            name: tpe
            metric: {name: val_loss}
            method: bayes
            bayes: {startup_trials: 2}
            run_cap: 4
            base: {preset: tiny, max_iters: 10, eval_interval: 5, n_embd: 16}
            parameters:
              learning_rate: {distribution: log_uniform, min: 1e-4, max: 1e-2}
            parallel: 1
            """);

        var final = await lab.Client.WaitForSweepAsync(sweep.SweepId);

        Assert.Equal(4, final.RunsByState[RunState.Succeeded]);
        var rates = (await lab.Client.Sweep(sweep.SweepId).GetTrials().Found()).Select(t => double.Parse(t.Parameters["learning_rate"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(rates, r => Assert.InRange(r, 1e-4, 1e-2));
        Assert.Equal(4, rates.Distinct().Count());
    }
}
