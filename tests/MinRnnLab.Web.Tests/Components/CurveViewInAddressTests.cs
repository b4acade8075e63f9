using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MinRnnLab.Abstractions;
using MinRnnLab.Web.Components.Pages;
using MinRnnLab.Web.Services;
using MinRnnLab.Web.Services.Curves;

namespace MinRnnLab.Web.Tests.Components;

/// <summary>The curve tools' state lives in the address: a link opens on the view it was copied from (issue 28 item 3).</summary>
public class CurveViewInAddressTests : LabComponentTest
{
    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private const string YMin = "[data-testid=y-min] input, input[data-testid=y-min]";
    private const string YMax = "[data-testid=y-max] input, input[data-testid=y-max]";

    public CurveViewInAddressTests()
    {
        Lab.Sweeps.Add(FakeLab.Status("s1"));
        Lab.Trials["s1"] = [
            FakeLab.Trial("s1", 0, "mingru", RunState.Succeeded, 2.5),
            FakeLab.Trial("s1", 1, "mingru", RunState.Succeeded, 2.7) with { SeedIndex = 1 }];
        foreach (var run in new[] { "s1/0", "s1/1" })
            Lab.Metrics[run] = [new(0, "val_loss", 4.2), new(10, "val_loss", 3.0), new(20, "val_loss", 2.5)];
    }

    [Fact]
    public void ALinkWithToolSettingsOpensTheSweepPageOnThatView()
    {
        Navigation.NavigateTo("sweeps/s1?smooth=0.6&y=linear&curves=runs");

        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s1"));

        // Two seeds of one configuration would open on bands; the link asks for runs.
        page.WaitForAssertion(() => Assert.Equal("4", page.Find("[data-testid=loss-chart]").GetAttribute("data-traces")));
        var chart = page.Find("[data-testid=loss-chart]");
        Assert.Equal(("no", "0.6"), (chart.GetAttribute("data-log"), chart.GetAttribute("data-smoothing")));
    }

    [Fact]
    public void ChangingAToolWritesItIntoTheAddressKeepingTheRest()
    {
        Navigation.NavigateTo("sweeps/s1?curves=runs");
        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s1"));
        page.WaitForAssertion(() => page.Find("[data-testid=loss-chart]"));

        page.Find("[data-testid=y-linear]").Click();
        page.Find("[data-testid=x-wall]").Click();

        page.WaitForAssertion(() => Assert.EndsWith("sweeps/s1?curves=runs&y=linear&x=time", Navigation.Uri));
        page.Find("[data-testid=y-log]").Click();
        page.WaitForAssertion(() => Assert.EndsWith("sweeps/s1?curves=runs&x=time", Navigation.Uri));   // the default leaves the address
    }

    [Fact]
    public void SwitchingBetweenRunsAndBandsIsKeptInTheAddress()
    {
        Navigation.NavigateTo("sweeps/s1");
        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s1"));
        page.WaitForAssertion(() => page.Find("[data-testid=seed-band-chart]"));

        page.Find("[data-testid=curve-mode-runs]").Click();

        page.WaitForAssertion(() => Assert.EndsWith("sweeps/s1?curves=runs", Navigation.Uri));
    }

    [Theory]
    [InlineData("http://x/sweeps/s1", 0, true, CurveX.Step)]
    [InlineData("http://x/sweeps/s1?smooth=0.95&y=linear&x=tokens", 0.95, false, CurveX.Tokens)]
    [InlineData("http://x/sweeps/s1?smooth=7&x=time", CurveSmoothing.MaxWeight, true, CurveX.WallTime)]   // clamped
    [InlineData("http://x/sweeps/s1?smooth=lots&y=log&x=furlongs", 0, true, CurveX.Step)]                 // unreadable: defaults
    public void TheAddressIsReadLeniently(string uri, double smoothing, bool logY, CurveX x) =>
        Assert.Equal(new CurveView(smoothing, logY, x), CurveViewQuery.Read(uri));

    [Theory]
    [InlineData("http://x/sweeps/s1?ymin=1.5&ymax=3", 1.5, 3.0)]
    [InlineData("http://x/sweeps/s1?ymax=3", null, 3.0)]                                 // one end fixed, the other from the data
    [InlineData("http://x/sweeps/s1?ymin=3&ymax=1.5", null, null)]                       // min above max: the data's range
    [InlineData("http://x/sweeps/s1?ymin=0&ymax=3", null, null)]                         // 0 on a log axis cannot be drawn
    [InlineData("http://x/sweeps/s1?y=linear&ymin=0&ymax=3", 0.0, 3.0)]                 // on a linear one it can
    public void TheYRangeIsReadWhenItCanBeDrawn(string uri, double? min, double? max)
    {
        var view = CurveViewQuery.Read(uri);
        Assert.Equal((min, max), (view.YMin, view.YMax));
    }

    [Fact]
    public void TheBandsViewHasTheSameToolsAndAYRangeGoesIntoTheAddress()
    {
        Navigation.NavigateTo("sweeps/s1");
        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s1"));
        page.WaitForAssertion(() => page.Find("[data-testid=seed-band-chart] [data-testid=curve-chart]"));

        page.Find("[data-testid=y-linear]").Click();
        page.Find(YMin).Change("2");
        page.Find(YMax).Change("4.5");

        page.WaitForAssertion(() => Assert.EndsWith("sweeps/s1?y=linear&ymin=2&ymax=4.5", Navigation.Uri));
        Assert.NotNull(page.Find("[data-testid=seed-band-chart]"));                      // still the bands: the tools serve both views
    }

    [Fact]
    public void AYRangeThatCannotBeDrawnIsRefusedWithTheReason()
    {
        Navigation.NavigateTo("sweeps/s1?y=linear&ymin=2&ymax=4.5");
        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s1"));
        page.WaitForAssertion(() => page.Find("[data-testid=seed-band-chart] [data-testid=curve-chart]"));

        page.Find(YMin).Change("5");

        page.WaitForAssertion(() => Assert.Contains("y min (5) must be below y max (4.5)", page.Find("[data-testid=y-range-error]").TextContent));
        Assert.EndsWith("sweeps/s1?y=linear&ymin=2&ymax=4.5", Navigation.Uri);          // the range drawn stays
    }
}
