using Bunit;
using MinRnnLab.Abstractions;
using MinRnnLab.Web.Components.Pages;
using MinRnnLab.Web.Components.Shared;

namespace MinRnnLab.Web.Tests.Components;

public class SweepDetailPageTests : LabComponentTest
{
    public SweepDetailPageTests()
    {
        Lab.Sweeps.Add(FakeLab.Status("s1"));
        Lab.Trials["s1"] = [FakeLab.Trial("s1", 0, "mingru", RunState.Succeeded, 2.5), FakeLab.Trial("s1", 1, "transformer")];
        Lab.Metrics["s1/0"] = [new(0, "val_loss", 4.2), new(0, "train_loss", 4.1), new(20, "val_loss", 2.5), new(20, "train_loss", 2.4)];
    }

    [Fact]
    public void ShowsOneResultRowPerTrialGroupedByArchitectureAndTheirCurves()
    {
        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s1"));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=run-link]").Count));
        Assert.Contains("mingru", page.Find("[data-testid=results-grid]").TextContent);
        Assert.Equal("2", page.Find("[data-testid=loss-chart]").GetAttribute("data-traces"));  // val + train of the run with metrics
        Assert.Contains("paper", page.Find("[data-testid=paper-comparison]").TextContent);
    }

    [Fact]
    public void AFirstReadThatTimesOutIsSaidOnThePageAndAskedAgainInsteadOfEndingTheTab()
    {
        Lab.PageReadsTimingOut = 2;                                                     // a silo too busy to answer in 30 s, twice

        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s1"));

        page.WaitForAssertion(() => Assert.Contains("has not answered in time", page.Find("[data-testid=slow-answer]").TextContent));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=run-link]").Count), TimeSpan.FromSeconds(15));
        Assert.Empty(page.FindAll("[data-testid=slow-answer]"));
        Assert.True(Lab.PageReads >= 3, $"{Lab.PageReads} page reads");                 // two timed out, then one answered
    }

    [Fact]
    public async Task LiveProgressAddsPointsWithoutReloadingThePage()
    {
        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s1"));
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=loss-chart]").GetAttribute("data-traces")));

        await Lab.Live.Writer.WriteAsync(new RunProgress("s1/1", RunState.Running, 10, 20,
            [new(10, "val_loss", 3.3), new(10, "train_loss", 3.2)], 3.3));

        // The coalesced redraw runs 250 ms after the first update; before the store's catch-up could have drawn it.
        page.WaitForAssertion(() => Assert.Equal("4", page.Find("[data-testid=loss-chart]").GetAttribute("data-traces")), BeforeCatchUp);
    }

    // What this checks is the chart's own budget: a curve of any length is drawn with at most MaxPointsPerTrace points.
    // The server's thinning (the reader grain's, before curves leave the silo) is checked where it runs, against real
    // stores: CurveReaderTests (Grains.Tests) and LargeSweepOpenTiming (200 runs of 5,000 steps through LabClient).
    [Fact]
    public void ALongCurveIsDrawnWithAtMostTheChartsPointBudget()
    {
        var run = new MinRnnLab.Web.Services.RunCurves("s/0", "mingru");
        run.Add(Enumerable.Range(0, 10_000).Select(i => new MetricPoint(i, "val_loss", 4.0 / (1 + i * 0.01))));

        var chart = Render<LossChart>(p => p.Add(x => x.Curves, new[] { run }));

        Assert.Equal(LossChart.MaxPointsPerTrace.ToString(), chart.Find("[data-testid=loss-chart]").GetAttribute("data-points"));
    }
}
