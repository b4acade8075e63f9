using System.Text.RegularExpressions;
using MinRnnLab.Tests.Shared;
using Microsoft.Playwright;
using MinRnnLab.Storage;
using MinRnnLab.Config.Benchmarks;
using MinRnnLab.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>
/// The Benchmarks page in Chromium, over the `bench scan` result committed under docs/results, in the app that co-hosts
/// the silo and in a UI joined as a client with a data folder of its own.
/// </summary>
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

    [Fact]
    public async Task AUiInClientModeShowsTheResultsSavedInTheSilosDataFolderAndReadsNothingOfItsOwn()
    {
        var report = ScanBenchmarkReport.FromJson(await File.ReadAllTextAsync(CommittedResult()));
        var siloBenchmarks = web.Services.GetRequiredService<LabPaths>().BenchmarksFolder;
        var saved = Path.GetFileName(ScanBenchmarkHistory.Save(report, siloBenchmarks, DateTimeOffset.UtcNow)[0]);
        var ownData = Path.Combine(Path.GetTempPath(), "minrnn-web-tests", Guid.NewGuid().ToString("N"));
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var client = LabWebApp.Build(
        [
            "--urls", url, "--Web:Mode", "client",
            "--Lab:GatewayPort", web.GatewayPort.ToString(), "--Lab:DataFolder", ownData,
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await client.StartAsync();

        var page = await web.NewPageAsync();
        await page.GotoAsync($"{url}/benchmarks");

        await Assertions.Expect(page.Locator("[data-testid=bench-chart]")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-testid=bench-select]")).ToHaveValueAsync(new Regex(Regex.Escape(saved)));
        await Assertions.Expect(page.Locator("[data-testid=bench-settings]")).ToContainTextAsync($"batch {report.Options.Batch}");
        Assert.False(Directory.Exists(Path.Combine(ownData, "benchmarks")));
        await client.StopAsync();
    }

    private static string CommittedResult() => Path.Combine(Repository.Root, "docs", "results", "bench-scan.json");
}
