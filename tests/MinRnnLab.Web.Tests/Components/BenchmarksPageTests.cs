using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MinRnnLab.Web.Components.Pages;
using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.Components;

public class BenchmarksPageTests : LabComponentTest
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 29, 3, 15, 0, TimeSpan.Zero);
    private BenchmarkLab lab = null!;

    // The page reads through a real silo, as in the app; a platform starts per test.
    protected override async Task StartAsync()
    {
        lab = await BenchmarkLab.StartAsync();
        Services.AddSingleton(lab.Client);
    }

    [Fact]
    public void TheNewestResultIsDrawnAsThreeChartsWithOneLinePerModelAboveItsTable()
    {
        lab.Save(BenchmarkLab.Report(64), Morning);
        lab.Save(BenchmarkLab.Report(64, 512, 4096), Morning.AddDays(1));

        var page = Render<Benchmarks>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=bench-chart]").Count));
        var models = BenchmarkLab.Models.Count;
        Assert.Equal(models.ToString(), Traces(page, "bench-runtime"));
        Assert.Equal(models.ToString(), Traces(page, "bench-memory"));
        Assert.Equal("3", Traces(page, "bench-speedup"));                                 // minGRU, minLSTM, Mamba: the baselines have none
        Assert.Equal(models * 3, page.FindAll("[data-testid=bench-row]").Count);
        Assert.Contains("GRU loop", page.Find("[data-testid=bench-table]").TextContent);
        var settings = page.Find("[data-testid=bench-settings]").TextContent;
        Assert.Contains("batch 4", settings);
        Assert.Contains("hidden 8", settings);
        Assert.Contains("1 thread", settings);
        Assert.Contains("2026-11-29 03:15:00 +00:00", settings);            // ViewerClock: UTC without a browser zone
    }

    [Fact]
    public void WithNoSavedResultsThePageGivesTheCommandToRunAndTheFolderItReads()
    {
        var page = Render<Benchmarks>();

        page.WaitForAssertion(() => page.Find("[data-testid=bench-empty]"));
        Assert.Equal($"minrnn bench scan --data \"{lab.Paths.DataFolder}\"", page.Find("[data-testid=bench-command]").TextContent);
        Assert.Equal(lab.Paths.BenchmarksFolder, page.Find("[data-testid=bench-folder]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=bench-chart]"));
    }

    [Fact]
    public void AnUnreadableResultIsNamedOnThePageInsteadOfBreakingIt()
    {
        lab.Save(BenchmarkLab.Report(64), Morning);
        lab.WriteFile("bench-scan-20261130-031500.json", "{ \"options\": ");

        var page = Render<Benchmarks>();

        page.WaitForAssertion(() => Assert.StartsWith("unreadable: bench-scan-20261130-031500.json: ",
            page.Find("[data-testid=bench-unreadable]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=bench-chart]"));
    }

    private static string? Traces(IRenderedComponent<Benchmarks> page, string chart) =>
        page.Find($"[data-chart={chart}]").GetAttribute("data-traces");

    protected override async Task StopAsync() => await lab.DisposeAsync();
}
