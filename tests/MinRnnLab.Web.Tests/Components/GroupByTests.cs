using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Web.Components.Pages;
using MinRnnLab.Web.Services.Curves;

namespace MinRnnLab.Web.Tests.Components;

/// <summary>Grouping a sweep's curves by any key its configurations differ in (issue 28 item 1): two widths × two seeds.</summary>
public class GroupByTests : LabComponentTest
{
    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    public GroupByTests()
    {
        Lab.Sweeps.Add(FakeLab.Status("g"));
        Lab.Trials["g"] = Enumerable.Range(0, 4).Select(i => FakeLab.Trial("g", i, "mingru", RunState.Succeeded, 2.5) with
        {
            SeedIndex = i % 2,
            Parameters = new() { ["arch"] = "mingru", ["n_embd"] = i < 2 ? "32" : "48", ["learning_rate"] = "1e-3" },
        }).ToArray();
        foreach (var i in Enumerable.Range(0, 4))
            Lab.Metrics[$"g/{i}"] = [new(0, MetricNames.ValLoss, 4.2), new(20, MetricNames.ValLoss, 2.5 + 0.1 * i)];
    }

    private string[] Legend(IRenderedComponent<SweepDetail> page) =>
        page.Find("[data-testid=seed-band-chart]").GetAttribute("data-legend")!.Split(" | ").Select(e => e[..e.LastIndexOf(' ')]).ToArray();

    // MudCheckBox puts the test id on its input, or around it.
    private static AngleSharp.Dom.IElement Box(IRenderedComponent<SweepDetail> page, string key)
    {
        var box = page.Find($"[data-testid=group-by-{key}]");
        return box.TagName == "INPUT" ? box : box.QuerySelector("input")!;
    }

    [Fact]
    public void BandsAreGroupedByEveryDifferingKeyUntilTheReaderUnticksOne()
    {
        Navigation.NavigateTo("sweeps/g");
        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "g"));
        page.WaitForAssertion(() => Assert.Equal(["mingru · n_embd 32 (2 seeds) val", "mingru · n_embd 48 (2 seeds) val"], Legend(page)));
        Assert.Single(page.FindAll("[data-testid=group-by] input[type=checkbox]"));          // learning_rate is the same in all four

        Box(page, "n_embd").Change(false);

        page.WaitForAssertion(() => Assert.Equal(["mingru (4 seeds) val"], Legend(page)));   // the architecture alone: one band of four runs
        Assert.EndsWith("sweeps/g?group=", Navigation.Uri);
        Assert.Equal(ArchColors.For("mingru"), page.Find("[data-testid=seed-band-chart]").GetAttribute("data-legend")!.Split(' ')[^1]);
    }

    [Fact]
    public void ALinkWithAGroupingOpensOnItAndPerRunCurvesShareTheirGroupsColour()
    {
        Navigation.NavigateTo("sweeps/g?group=&curves=runs");

        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "g"));

        page.WaitForAssertion(() => Assert.Equal("4", page.Find("[data-testid=loss-chart]").GetAttribute("data-traces")));
        Assert.False(Box(page, "n_embd").HasAttribute("checked"));
        var facts = ConfigurationPalette.Facts(Lab.Trials["g"], groupBy: []).ToDictionary(f => f.RunId, f => f.Facts);
        Assert.Equal("mingru · seed 1", facts["g/3"].Legend);
        Assert.Single(facts.Values.Select(f => f.Color).Distinct());
    }
}
