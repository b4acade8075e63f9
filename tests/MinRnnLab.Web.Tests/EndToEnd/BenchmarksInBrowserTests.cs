using MinRnnLab.Tests.Shared;
using Microsoft.Playwright;
using MinRnnLab.Storage;
using MinRnnLab.Config.Benchmarks;
using Microsoft.Extensions.DependencyInjection;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>The Benchmarks page in Chromium, over the `bench scan` result committed under docs/results.</summary>
[Collection(WebAppCollection.Name)]
public class BenchmarksInBrowserTests(WebAppFixture web)
{
    [Fact]
    public async Task ASavedScanBenchmarkIsDrawnAsRuntimeSpeedupAndMemoryAgainstSequenceLength()
    {
        // A real result of `minrnn bench scan`, saved where the command saves into the lab's data folder.
        var report = ScanBenchmarkReport.FromJson(await File.ReadAllTextAsync(CommittedResult()));
        ScanBenchmarkHistory.Save(report, web.Services.GetRequiredService<LabPaths>().BenchmarksFolder, DateTimeOffset.UtcNow);
        var models = report.Rows.Select(r => r.Model).Distinct().Count();

        var page = await web.NewPageAsync();
        await page.GotoAsync($"{web.BaseUrl}/benchmarks");

        await Assertions.Expect(page.Locator("[data-testid=bench-chart]")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#bench-runtime .scatterlayer .trace")).ToHaveCountAsync(models);
        await Assertions.Expect(page.Locator("#bench-memory .scatterlayer .trace")).ToHaveCountAsync(models);
        await Assertions.Expect(page.Locator("#bench-speedup .scatterlayer .trace").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "benchmarks.png"), FullPage = true });
    }

    private static string CommittedResult() => Path.Combine(Repository.Root, "docs", "results", "bench-scan.json");
}
