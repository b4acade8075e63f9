using Bunit;
using MinRnnLab.Abstractions;
using MinRnnLab.Web.Components.Pages;
using MinRnnLab.Web.Components.Shared;
using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.Components;

/// <summary>The sweep page's seed bands and parallel coordinates, on a sweep of one configuration run with two seeds.</summary>
public class SweepChartsTests : LabComponentTest
{
    public SweepChartsTests()
    {
        Lab.Sweeps.Add(FakeLab.Status("s2"));
        Lab.Trials["s2"] = [
            FakeLab.Trial("s2", 0, "mingru", RunState.Succeeded, 2.5),
            FakeLab.Trial("s2", 1, "mingru", RunState.Succeeded, 2.7) with { SeedIndex = 1 }];
        Lab.Metrics["s2/0"] = [new(0, "val_loss", 4.2), new(0, "train_loss", 4.1), new(20, "val_loss", 2.5), new(20, "train_loss", 2.4)];
        // Thinned differently: the second seed was evaluated at other steps.
        Lab.Metrics["s2/1"] = [new(0, "val_loss", 4.0), new(0, "train_loss", 4.0), new(10, "val_loss", 3.0), new(20, "val_loss", 2.7), new(20, "train_loss", 2.6)];
    }

    [Fact]
    public void ASweepWithRepeatedSeedsOpensOnMeanAndStdBands()
    {
        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s2"));

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=seed-band-chart]").GetAttribute("data-bands")));  // val + train
        Assert.Equal("2", page.Find("[data-testid=seed-band-chart]").GetAttribute("data-lines"));
        Assert.Empty(page.FindAll("[data-testid=loss-chart]"));
    }

    [Fact]
    public void TheReaderCanSwitchBackToOneCurvePerRun()
    {
        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s2"));
        page.WaitForAssertion(() => page.Find("[data-testid=seed-band-chart]"));

        page.Find("[data-testid=curve-mode-runs]").Click();

        Assert.Equal("4", page.Find("[data-testid=loss-chart]").GetAttribute("data-traces"));
        Assert.Empty(page.FindAll("[data-testid=seed-band-chart]"));
    }

    [Fact]
    public void FinishedTrialsAppearAsParallelCoordinatesWithOneAxisPerParameterAndOneForTheLoss()
    {
        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s2"));

        // Held back until the curves are drawn, and its Plotly chart until the reader scrolls near it: plotly.js loads with it.
        page.WaitForAssertion(() => page.Find("[data-testid=seed-band-chart] [data-testid=curve-chart]"));
        Assert.Empty(page.FindAll("[data-testid=parameter-coordinates]"));
        page.InvokeAsync(() => page.FindComponent<CurveChart>().Instance.OnDrawn());      // the browser's word: drawn
        page.WaitForAssertion(() => page.Find("[data-testid=parameter-coordinates] [data-testid=when-visible]"));
        Assert.Empty(page.FindComponents<Plotly.Blazor.PlotlyChart>());
        page.InvokeAsync(() => page.FindComponent<WhenVisible>().Instance.OnVisible());   // the observer's word: in view
        page.WaitForAssertion(() => Assert.Single(page.FindComponents<Plotly.Blazor.PlotlyChart>()));
        Assert.Single(page.FindAll("[data-testid=sweep-parameters-svg]"));              // its export comes with it
        var chart = page.Find("[data-testid=parameter-coordinates]");
        Assert.Equal("3", chart.GetAttribute("data-dimensions"));                           // arch, learning_rate, best val loss
        Assert.Equal("2", chart.GetAttribute("data-lines"));
    }

    [Fact]
    public void ASweepWithOneSeedPerConfigurationOpensOnRunsAndExplainsWhyCoordinatesAreHidden()
    {
        Lab.Sweeps.Add(FakeLab.Status("s1"));
        Lab.Trials["s1"] = [FakeLab.Trial("s1", 0, "mingru", RunState.Succeeded, 2.5), FakeLab.Trial("s1", 1, "transformer")];

        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s1"));

        page.WaitForAssertion(() => page.Find("[data-testid=loss-chart]"));
        Assert.Empty(page.FindAll("[data-testid=seed-band-chart]"));
        Assert.Contains("(1 so far)", page.Find("[data-testid=parameter-coordinates-empty]").TextContent);
    }

    [Fact]
    public void ALoneSeedIsDrawnAsALineWithoutABand()
    {
        var run = new RunCurves("s/0", "mingru");
        run.Add([new(0, "val_loss", 4.0), new(10, "val_loss", 3.0), new(0, "train_loss", 4.1), new(10, "train_loss", 3.1)]);
        TrialInfo[] trials = [FakeLab.Trial("s", 0, "mingru")];

        var chart = Render<SeedBandChart>(p => p
            .Add(x => x.Trials, trials)
            .Add(x => x.Curves, new Dictionary<string, RunCurves> { ["s/0"] = run }));

        Assert.Equal("0", chart.Find("[data-testid=seed-band-chart]").GetAttribute("data-bands"));
        Assert.Equal("2", chart.Find("[data-testid=seed-band-chart]").GetAttribute("data-lines"));
    }
}
