using Bunit;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Web.Components.Pages;
using MinRnnLab.Web.Components.Shared;
using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.Components;

public class SeedStatisticsTableTests : LabComponentTest
{
    private static TrialInfo Trial(int index, string arch, double best, int? toTarget, string? block = null, RunState state = RunState.Succeeded)
    {
        var parameters = new Dictionary<string, string> { ["arch"] = arch };
        if (block is not null)
            parameters["block"] = block;
        return new TrialInfo(index, $"s/{index}", arch, index % 2, parameters, state, best, 20, toTarget, 10 + index);
    }

    private static Dictionary<string, RunCurves> Curves(params (TrialInfo Trial, double Final)[] runs) => runs.ToDictionary(r => r.Trial.RunId, r =>
    {
        var curves = new RunCurves(r.Trial.RunId, r.Trial.Arch);
        curves.Add([new MetricPoint(0, MetricNames.ValLoss, 4.2), new MetricPoint(20, MetricNames.ValLoss, r.Final)]);
        return curves;
    });

    [Fact]
    public void EachArchitectureShowsItsSeedsMeanAndStdWithFinalLossFromTheCurve()
    {
        var trials = new[] { Trial(0, "mingru", 1.8, 300), Trial(1, "mingru", 2.0, null), Trial(2, "transformer", 2.1, 400) };

        var table = Render<SeedStatisticsTable>(p => p
            .Add(x => x.Trials, trials)
            .Add(x => x.Curves, Curves((trials[0], 1.9), (trials[1], 2.1), (trials[2], 2.2)))
            .Add(x => x.TargetLoss, 2.5));

        var rows = table.FindAll("[data-testid=seed-row]");
        Assert.Equal(2, rows.Count);
        var mingru = rows[0].TextContent;
        Assert.Contains("mingru", mingru);
        Assert.Contains("1.9000 ± 0.1414", mingru);                                   // best val loss
        Assert.Contains("2.0000 ± 0.1414", mingru);                                   // final val loss, the curves' last points
        Assert.Contains("1/2", mingru);                                               // one seed reached the target
        Assert.Contains("2.2000", rows[1].TextContent);                               // one seed: a mean, no std
        Assert.DoesNotContain("±", rows[1].TextContent);
        Assert.Empty(table.FindAll("[data-testid=seed-row-configuration]"));          // one configuration per architecture
    }

    [Fact]
    public void ConfigurationsAreSummarizedApartWhenAnArchitectureHasSeveral()
    {
        var trials = new[] { Trial(0, "mingru", 1.6, 100, "gated"), Trial(1, "mingru", 1.8, 200, "gated"), Trial(2, "mingru", 2.2, null, "plain") };

        var table = Render<SeedStatisticsTable>(p => p.Add(x => x.Trials, trials).Add(x => x.Curves, Curves()));

        var rows = table.FindAll("[data-testid=seed-row-configuration]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("block=gated", rows[0].TextContent);
        Assert.Contains("1.7000 ± 0.1414", rows[0].TextContent);
        Assert.Contains("–", rows[0].TextContent);                                    // no curves: no final loss
        Assert.Contains("0/1", rows[1].TextContent);
    }

    [Fact]
    public void AnArchitectureInSeveralConfigurationsShowsItsBestOneNamedNotThemPooled()
    {
        var trials = new[]
        {
            Trial(0, "mamba", 2.0602, 300, "n48"), Trial(1, "mamba", 2.0814, 320, "n48"),
            Trial(2, "mamba", 2.1887, null, "n32"), Trial(3, "mamba", 2.1898, null, "n32"),
        };

        var table = Render<SeedStatisticsTable>(p => p.Add(x => x.Trials, trials).Add(x => x.Curves, Curves()));

        var row = Assert.Single(table.FindAll("[data-testid=seed-row]"));
        Assert.Equal("block=n48 (best of 2 configurations)", row.QuerySelector("[data-testid=seed-row-best-of]")!.TextContent);
        Assert.Contains("2.0708 ± 0.0150", row.TextContent);                           // pooled over the widths: 2.1300 ± 0.0639
        Assert.Equal("2", row.QuerySelectorAll("td")[1].TextContent);                    // n: the best width's seeds
        Assert.Contains("never pooled", table.Markup);
    }

    [Fact]
    public void TheSweepPageOffersEveryExportAsAServerDownload()
    {
        Lab.Sweeps.Add(FakeLab.Status("s1"));
        Lab.Trials["s1"] = [FakeLab.Trial("s1", 0, "mingru", RunState.Succeeded, 2.0)];

        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s1"));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=sweep-downloads] a")));
        var links = page.FindAll("[data-testid=sweep-downloads] a").ToDictionary(a => a.GetAttribute("data-testid")!, a => a);
        Assert.Equal(["download-curves.csv", "download-curves.svg", "download-report.md", "download-results.csv", "download-results.json"], links.Keys.Order());
        Assert.Equal("sweeps/s1/export/results.csv", links["download-results.csv"].GetAttribute("href"));
        Assert.Equal("s1-results.csv", links["download-results.csv"].GetAttribute("download"));
        Assert.Single(page.FindAll("[data-testid=seed-row]"));
        Assert.NotEmpty(page.FindAll("[data-testid=sweep-loss-png]"));
    }
}
