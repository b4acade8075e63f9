using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Web.Components.Pages;
using MinRnnLab.Web.Components.Shared;
using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.Components;

/// <summary>The curve tools on a sweep page: what they change in the chart, what they read and when, and the compare boxes.</summary>
public class CurveToolsPageTests : LabComponentTest
{
    public CurveToolsPageTests()
    {
        Lab.Sweeps.Add(FakeLab.Status("s1"));
        Lab.Trials["s1"] = [FakeLab.Trial("s1", 0, "mingru", RunState.Succeeded, 2.5), FakeLab.Trial("s1", 1, "transformer", RunState.Succeeded, 2.7)];
        foreach (var run in new[] { "s1/0", "s1/1" })
            Lab.Metrics[run] = [new(0, "val_loss", 4.2), new(10, "val_loss", 3.0), new(20, "val_loss", 2.5), new(0, "wall_seconds", 0.1), new(20, "wall_seconds", 3.0)];
    }

    private IRenderedComponent<SweepDetail> Open()
    {
        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s1"));
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=loss-chart]").GetAttribute("data-traces")));
        page.InvokeAsync(() => page.FindComponent<CurveChart>().Instance.OnDrawn());      // the browser's word: drawn
        page.WaitForAssertion(() => page.Find("[data-testid=results-grid]"));
        return page;
    }

    [Fact]
    public void TheTablesBelowTheFoldWaitForTheCurvesToBeDrawn()
    {
        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s1"));
        page.WaitForAssertion(() => page.Find("[data-testid=convergence]"));              // the first table comes at once

        Assert.Empty(page.FindAll("[data-testid=results-grid]"));
        page.InvokeAsync(() => page.FindComponent<CurveChart>().Instance.OnDrawn());
        page.WaitForAssertion(() => page.Find("[data-testid=results-grid]"));
    }

    [Fact]
    public void TheTablesBelowTheFoldComeEvenIfTheChartNeverDraws()
    {
        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s1"));             // no OnDrawn: a chart that failed in the browser

        page.WaitForAssertion(() => page.Find("[data-testid=results-grid]"), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void SmoothingAddsTheRawCurvesFaintBehind()
    {
        var page = Open();

        page.Find("[data-testid=curve-tools] input[type=range]").Input("0.8");

        page.WaitForAssertion(() => Assert.Equal("4", page.Find("[data-testid=loss-chart]").GetAttribute("data-traces")));
        Assert.Equal("0.8", page.Find("[data-testid=loss-chart]").GetAttribute("data-smoothing"));
    }

    [Fact]
    public void TheYAxisSwitchesBetweenLogAndLinear()
    {
        var page = Open();
        Assert.Equal("yes", page.Find("[data-testid=loss-chart]").GetAttribute("data-log"));

        page.Find("[data-testid=y-linear]").Click();

        Assert.Equal("no", page.Find("[data-testid=loss-chart]").GetAttribute("data-log"));
    }

    [Fact]
    public void WallTimesAreReadOnlyWhenTheWallTimeAxisIsChosen()
    {
        var page = Open();
        Assert.DoesNotContain(Lab.MetricSeriesReads, names => names.Contains(MetricNames.WallSeconds));

        page.Find("[data-testid=x-wall]").Click();

        page.WaitForAssertion(() => Assert.Equal("WallTime", page.Find("[data-testid=loss-chart]").GetAttribute("data-x")));
        Assert.Single(Lab.MetricSeriesReads, names => names.Contains(MetricNames.WallSeconds));
        Assert.Equal("2", page.Find("[data-testid=loss-chart]").GetAttribute("data-traces"));
    }

    [Fact]
    public void TheTokensAxisReadsTheRunsConfigs()
    {
        var page = Open();

        page.Find("[data-testid=x-tokens]").Click();

        // The fake's configs are defaults (batch_size 64, block_size 256): both runs have a tokens axis.
        page.WaitForAssertion(() => Assert.Equal("Tokens", page.Find("[data-testid=loss-chart]").GetAttribute("data-x")));
        Assert.Equal("2", page.Find("[data-testid=loss-chart]").GetAttribute("data-traces"));
        Assert.Empty(page.FindAll("[data-testid=runs-without-x]"));
    }

    [Fact]
    public void ClickingARowSelectsItsRunInTheChartAndTheGrid()
    {
        var page = Open();

        page.FindAll("[data-testid=run-link]").Single(l => l.TextContent == "#1").Closest("tr")!.Click();

        Assert.Equal("s1/1", page.Find("[data-testid=loss-chart]").GetAttribute("data-selected"));
        Assert.Single(page.FindAll("tr.selected-run"));
        Assert.Contains("transformer #1", page.Find("[data-testid=selected-run]").TextContent);
    }

    [Fact]
    public void TickingARunsBoxPutsItInTheCompareTray()
    {
        var page = Open();

        Box(page, "s1/1").Change(true);

        Assert.Equal(["s1/1"], Services.GetRequiredService<CompareTray>().RunIds);
    }

    private static AngleSharp.Dom.IElement Box(IRenderedComponent<SweepDetail> page, string runId)
    {
        var box = page.FindAll("[data-testid=compare-pick]").Single(b => b.GetAttribute("data-run") == runId);
        return box.TagName == "INPUT" ? box : box.QuerySelector("input")!;
    }
}
