using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// One report over a sweep and its rerun: `minrnn sweep report A B`. The runs ask for CUDA, which the test platform's
/// CPU slot never leases, so the test plays the worker.
/// </summary>
public class CombinedReportTests
{
    private const string Worker = "test-machine-1-abc/cuda:0#0";

    [Fact]
    public async Task AReportOverASweepAndItsRerunPoolsEachConfigurationsSeeds()
    {
        await using var lab = await Lab.StartAsync();
        var first = await lab.SubmitAsync(Sweep("ablation", "[{arch: mingru}, {arch: transformer}]"));
        await Finish(lab, $"{first.SweepId}/0", 1.8);
        await Finish(lab, $"{first.SweepId}/1", 2.0);
        var rerun = await lab.SubmitAsync(Sweep("ablation-rerun", "[{arch: mingru, seed: 1339}]"));
        await Finish(lab, $"{rerun.SweepId}/0", 1.6);
        await Poll.Until(() => lab.Client.GetSweepAsync(rerun.SweepId), s => s.State == SweepState.Completed, seconds: 30);

        var report = await SweepReport.BuildAsync(lab.Client, [first.SweepId, rerun.SweepId]);

        Assert.Equal("ablation + ablation-rerun", report.Status.Name);
        Assert.Equal((3, 3, SweepState.Completed), (report.Status.PlannedTrials, report.Status.Finished, report.Status.State));
        Assert.Equal([$"{first.SweepId}/0", $"{first.SweepId}/1", $"{rerun.SweepId}/0"], report.Trials.Select(t => t.RunId));
        var mingru = Assert.Single(report.Architectures, a => a.Arch == "mingru");
        Assert.Equal(("mingru", 2, 1.7), (mingru.Label, mingru.Runs, Math.Round(mingru.BestMetricMean!.Value, 6)));
        Assert.Equal(0.85, Math.Round(mingru.LossRatioToTransformer!.Value, 6));
        Assert.Contains("| mingru | 2 | 2 |", SweepExport.Markdown(report));                // seed statistics: 2 trials, n 2
    }

    [Fact]
    public async Task AnUnknownSweepInTheListIsNamed()
    {
        await using var lab = await Lab.StartAsync();
        var sweep = await lab.SubmitAsync(Sweep("known", "[{arch: mingru}]"));

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => SweepReport.BuildAsync(lab.Client, [sweep.SweepId, "no-such-sweep"]));

        Assert.Contains("no-such-sweep", error.Message);
    }

    [Fact]
    public void SweepsWithDifferentTargetsAreNotReportedAsOne()
    {
        SweepStatus Status(string id, double? target) =>
            new(id, id, SweepState.Completed, "grid", 1, new() { [RunState.Succeeded] = 1 }, new() { ["mingru"] = 1.7 }, DateTimeOffset.UnixEpoch, "val_loss", target);

        var error = Assert.Throws<ArgumentException>(() => CombinedSweepStatus.Of([Status("a", 2.0), Status("b", 1.9)]));

        Assert.Contains("sweeps a (val_loss, target 2) and b (val_loss, target 1.9)", error.Message);
        Assert.Equal(("a + b", 2), (CombinedSweepStatus.Of([Status("a", 2.0), Status("b", 2.0)]).Name, CombinedSweepStatus.Of([Status("a", 2.0), Status("b", 2.0)]).Finished));
    }

    private static string Sweep(string name, string configurations) => $$"""
        name: {{name}}
        metric: {name: val_loss, target: 2.5}
        method: grid
        base: {preset: tiny, device: cuda, max_iters: 10, eval_interval: 10}
        configurations: {{configurations}}
        parallel: 2
        """;

    private static async Task Finish(Lab lab, string runId, double bestLoss)
    {
        var run = lab.Client.Run(runId);
        var attempt = await Poll.Until(() => run.Start(Worker), a => a > 0, seconds: 30);
        await run.ReportProgress(attempt, 10, 10, [new MetricPoint(10, MetricNames.ValLoss, bestLoss)], 1.0);
        await run.Complete(attempt, new RunOutcome(RunState.Succeeded, 10, bestLoss, null, 1.0));
    }
}
