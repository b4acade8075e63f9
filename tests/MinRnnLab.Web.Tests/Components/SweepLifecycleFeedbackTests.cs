using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MinRnnLab.Abstractions;
using MinRnnLab.Web.Components.Pages;
using MudBlazor;

namespace MinRnnLab.Web.Tests.Components;

/// <summary>What the sweep page says about its lifecycle: confirmations, pauses, trials not started, empty charts, copies.</summary>
public class SweepLifecycleFeedbackTests : LabComponentTest
{
    public SweepLifecycleFeedbackTests()
    {
        Lab.Sweeps.Add(FakeLab.Status("s1", planned: 4));
        Lab.Trials["s1"] = [FakeLab.Trial("s1", 0, "mingru"), FakeLab.Trial("s1", 1, "transformer")];
    }

    [Fact]
    public void CancelAsksFirstAndOnlyAConfirmedCancelStopsTheSweep()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s1"));
        page.WaitForElement("[data-testid=cancel]");

        page.Find("[data-testid=cancel]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("cannot be undone", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Contains("Keep running")).Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("cannot be undone", dialogs.Markup));
        Assert.Empty(Lab.Cancelled);

        page.Find("[data-testid=cancel]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("cannot be undone", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Contains("Cancel sweep")).Click();
        page.WaitForAssertion(() => Assert.Equal(["s1"], Lab.Cancelled));
    }

    [Fact]
    public void APausedSweepSaysRunningTrialsFinishAndNoNewOnesStart()
    {
        Lab.Sweeps[0] = FakeLab.Status("s1", state: SweepState.Paused);

        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s1"));

        page.WaitForAssertion(() => Assert.Contains("running trials save a checkpoint and stop, waiting ones leave the queue",
            page.Find("[data-testid=sweep-paused]").TextContent));
    }

    [Fact]
    public void TrialsNotStartedYetAreListedAsQueuedRowsWithoutARunLink()
    {
        Lab.Plans["s1"] = new SweepPlan([FakeLab.Trial("s1", 2, "mingru", RunState.Queued), FakeLab.Trial("s1", 3, "transformer", RunState.Queued)], 2);

        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s1"));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=planned-trial]").Count));
        Assert.Equal(2, page.FindAll("[data-testid=run-link]").Count);
        Assert.Equal(["#2", "#3"], page.FindAll("[data-testid=planned-trial]").Select(e => e.TextContent));
        Assert.Equal(2, page.FindAll("[data-testid=run-state]").Count(e => e.TextContent == "Queued"));
        Assert.Contains("2 waiting to start", page.Find("[data-testid=sweep-progress]").TextContent);
    }

    [Fact]
    public void ABayesSweepCountsTheTrialsStillToBeProposed()
    {
        Lab.Plans["s1"] = new SweepPlan([], 6);

        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s1"));

        page.WaitForAssertion(() => Assert.Contains("6 more trials to be proposed", page.Find("[data-testid=sweep-progress]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=planned-trial]"));
    }

    [Fact]
    public void ALossChartWithoutEvaluationsShowsAnEmptyStateInsteadOfDefaultAxes()
    {
        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s1"));

        page.WaitForAssertion(() => Assert.Contains("No evaluations yet", page.Find("[data-testid=empty-chart]").TextContent));
        Assert.Equal("0", page.Find("[data-testid=loss-chart]").GetAttribute("data-traces"));
        Assert.Empty(page.FindAll("#sweep-loss"));                                      // no Plotly element at all
    }

    [Fact]
    public void CloneAndEditOpensTheSweepFileInTheEditorUnderANewName()
    {
        Lab.Files["s1"] = "name: lr-scan   # the first try\nmethod: grid\nbase:\n  name: inner\n";
        Services.GetRequiredService<NavigationManager>().NavigateTo("sweeps/new?from=s1");

        var page = Render<NewSweep>();

        page.WaitForAssertion(() => Assert.Equal("name: lr-scan-copy   # the first try\nmethod: grid\nbase:\n  name: inner\n",
            page.Find("[data-testid=sweep-yaml]").GetAttribute("value") ?? page.Find("[data-testid=sweep-yaml]").TextContent));
    }

    [Fact]
    public void TheSweepPageLinksToCloneAndEdit()
    {
        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s1"));

        page.WaitForAssertion(() => Assert.EndsWith("sweeps/new?from=s1", page.Find("[data-testid=clone-sweep]").GetAttribute("href")));
    }
}
