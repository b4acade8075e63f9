using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MinRnnLab.Abstractions;
using MinRnnLab.Storage;
using MinRnnLab.Training;
using MinRnnLab.Web.Components.Shared;
using MinRnnLab.Web.Tests.EndToEnd;
using Xunit.Abstractions;

namespace MinRnnLab.Web.Tests.Performance;

/// <summary>
/// How long a sweep of 200 runs × 5,000 steps (validation and training loss at every one of them: 2 M stored
/// points) takes to open: on the server (status, trials, thinned curves through the reader grain) and in
/// Chromium (navigation until Plotly has drawn all 400 curves). Timings are logged — test output and
/// TestResults/curves-timing.txt — never asserted: these machines are too noisy for timed assertions.
/// What is asserted is the work: every run's curves arrive, thinned to the chart's budget, and are drawn.
/// </summary>
[Collection(LargeSweepCollection.Name)]
public sealed class LargeSweepOpenTiming(LargeSweepFixture web, ITestOutputHelper output)
{
    private const int Seeds = 50, Steps = 5000;
    private static readonly string[] Archs = ["transformer", "mingru", "minlstm", "mamba"];
    private const int Runs = Seeds * 4, Curves = Runs * 2;

    private static readonly string Sweep = $$"""
        name: large-sweep
        metric: {name: val_loss, goal: minimize}
        method: grid
        base: {preset: tiny, max_iters: 100, eval_interval: 50}
        parameters:
          arch: {values: [{{string.Join(", ", Archs)}}]}
        seeds: {{Seeds}}
        parallel: 16
        """;

    [Fact]
    public async Task ASweepOf200RunsWith5000StepsOpensWithEveryCurveThinnedAndDrawnAndTheTimeLogged()
    {
        var sweepId = await SubmitAndFinishAsync();
        var trials = await web.Lab.GetTrialsAsync(sweepId);
        Assert.Equal(Runs, trials.Length);
        await WriteLongCurvesAsync(trials);

        var server = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            await web.Lab.GetSweepAsync(sweepId);
            var ids = (await web.Lab.GetTrialsAsync(sweepId)).Select(t => t.RunId).ToArray();
            var curves = await web.Lab.GetCurvesAsync(ids, LossChart.MaxPointsPerTrace);
            server.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(Curves, curves.Length);
            Assert.All(curves, c => Assert.Equal((Steps, LossChart.MaxPointsPerTrace), (c.StoredPoints, c.Steps.Length)));
        }

        var browser = new List<(double Wall, double InPage)>();
        for (var i = 0; i < 2; i++)
            browser.Add(await OpenInBrowserAsync(sweepId, screenshot: i == 1));

        var line = $"{DateTime.UtcNow:O} sweep of {Runs} runs × {Steps} steps × 2 curves ({Runs * Steps * 2:N0} stored points, {Curves} curves of ≤ " +
                   $"{LossChart.MaxPointsPerTrace} points drawn): server status + trials + thinned curves {string.Join(" / ", server.Select(ms => $"{ms:F0}"))} ms; " +
                   $"browser open → all traces drawn {string.Join(" / ", browser.Select(b => $"{b.Wall:F0}"))} ms (in-page since navigation start " +
                   $"{string.Join(" / ", browser.Select(b => $"{b.InPage:F0}"))} ms); load average {LoadAverage()}";
        output.WriteLine(line);
        var results = Path.GetDirectoryName(WebAppFixture.ScreenshotFolder)!;
        Directory.CreateDirectory(results);
        await File.AppendAllTextAsync(Path.Combine(results, "curves-timing.txt"), line + Environment.NewLine);
    }

    private async Task<string> SubmitAndFinishAsync()
    {
        var submitted = await web.Lab.SubmitSweepAsync(Sweep, "large-sweep.yaml");
        Assert.Empty(submitted.Errors);
        var sweepId = submitted.Status!.SweepId;
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while ((await web.Lab.GetSweepAsync(sweepId)).State != SweepState.Completed)
        {
            Assert.True(DateTime.UtcNow < deadline, "the no-op sweep did not finish in 5 minutes");
            await Task.Delay(200);
        }
        return sweepId;
    }

    // Straight into the store the silo reads: what 200 long trainings would have left behind.
    private async Task WriteLongCurvesAsync(IEnumerable<TrialInfo> trials)
    {
        var store = web.Services.GetRequiredService<IMetricsStore>();
        foreach (var trial in trials)
        {
            var floor = 1.4 + 0.05 * Array.IndexOf(Archs, trial.Arch) + 0.01 * trial.SeedIndex;
            var points = new List<(int, string, double)>(Steps * 2);
            for (var step = 0; step < Steps; step++)
            {
                var loss = floor + 2.8 * Math.Exp(-step / 700.0);
                points.Add((step, MetricNames.TrainLoss, loss * (1 + 0.03 * Math.Sin(step * 0.7 + trial.Index))));
                points.Add((step, MetricNames.ValLoss, loss * 1.03));
            }
            await store.AppendAsync(trial.RunId, points);
        }
    }

    private async Task<(double Wall, double InPage)> OpenInBrowserAsync(string sweepId, bool screenshot)
    {
        var page = await web.NewPageAsync();
        var watch = Stopwatch.StartNew();
        await page.GotoAsync($"{web.BaseUrl}/sweeps/{sweepId}");
        // Polled every 10 ms, each in page time since navigation: the sweep's title, the chart's data in the DOM,
        // and the moment Plotly has drawn every trace (one per architecture and metric), as the user sees it.
        var title = await SinceNavigationAsync(page, "document.querySelector('[data-testid=sweep-title]')");
        var chartData = await SinceNavigationAsync(page, $"document.querySelector('[data-testid=loss-chart][data-runs=\"{Runs}\"]')");
        var drawnAt = await SinceNavigationAsync(page, $"document.querySelectorAll('#sweep-loss .scatterlayer .trace').length === {Archs.Length * 2}");
        var wall = watch.Elapsed.TotalMilliseconds;
        output.WriteLine($"title {title:F0} ms, chart data {chartData:F0} ms, drawn {drawnAt:F0} ms after navigation start");
        var chart = page.Locator("[data-testid=loss-chart]");
        Assert.Equal(Runs.ToString(), await chart.GetAttributeAsync("data-runs"));
        Assert.Equal(Curves * LossChart.PointsPerCurve(Curves), int.Parse(await chart.GetAttributeAsync("data-points") ?? "0"));
        Assert.Equal(Runs.ToString(), await page.Locator("[data-testid=results-grid]").GetAttributeAsync("data-trials"));
        if (screenshot)
            await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "large-sweep.png") });
        await page.CloseAsync();
        return (wall, drawnAt);
    }

    private static async Task<double> SinceNavigationAsync(IPage page, string condition)
    {
        var handle = await page.WaitForFunctionAsync($"() => ({condition}) ? performance.now() : null", null,
            new PageWaitForFunctionOptions { PollingInterval = 10, Timeout = 120_000 });
        return await handle.JsonValueAsync<double>();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
