using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Storage;
using MinRnnLab.Web.Components.Shared;
using MinRnnLab.Web.Services;
using MinRnnLab.Web.Tests.EndToEnd;
using Xunit.Abstractions;

namespace MinRnnLab.Web.Tests.Performance;

/// <summary>
/// How long a sweep of 200 runs × 5,000 steps (validation and training loss at every one of them: 2 M stored
/// points) takes to open: on the server (status, trials, thinned curves through the reader grain) and in
/// Chromium (navigation until uPlot has drawn all 400 curves). Timings are logged — test output and
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

    // The same page for a sweep of four short runs: what a cold start costs whatever the sweep's size.
    private static readonly string SmallSweep = Sweep.Replace("name: large-sweep", "name: small-sweep").Replace($"seeds: {Seeds}", "seeds: 1");

    [Fact]
    public async Task ASweepOf200RunsWith5000StepsOpensWithEveryCurveThinnedAndDrawnAndTheTimeLogged()
    {
        var smallId = await SubmitAndFinishAsync(SmallSweep);
        var sweepId = await SubmitAndFinishAsync(Sweep);
        var trials = await web.Lab.Sweep(sweepId).GetTrials() ?? [];
        Assert.Equal(Runs, trials.Length);
        await WriteLongCurvesAsync(trials);

        // First read after the long curves were written: every summary is stale and rebuilt from the 2 M points.
        // Later reads use the stored summaries — as every read of a finished run does, since runs store theirs when they end.
        var server = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            var watch = Stopwatch.StartNew();
            await web.Lab.Sweep(sweepId).GetStatus();
            var ids = (await web.Lab.Sweep(sweepId).GetTrials() ?? []).Select(t => t.RunId).ToArray();
            var curves = await web.Lab.GetLossCurvesAsync(ids, CurvePoints.SweepChart);
            server.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(Curves, curves.Length);
            Assert.All(curves, c => Assert.Equal((Steps, CurvePoints.SweepChart), (c.StoredPoints, c.Steps.Length)));
        }

        var browser = new List<BrowserTimes>();
        for (var i = 0; i < 2; i++)
            browser.Add(await OpenInBrowserAsync(sweepId, screenshot: i == 1));

        var small = new List<double>();
        for (var i = 0; i < 2; i++)
            small.Add(await OpenSmallSweepAsync(smallId));

        string Ms(Func<BrowserTimes, double> pick) => string.Join(" / ", browser.Select(b => $"{pick(b):F0}"));
        var line = $"{DateTime.UtcNow:O} sweep of {Runs} runs × {Steps} steps × 2 curves ({Runs * Steps * 2:N0} stored points): " +
                   $"server status + trials + curves: rebuilding summaries {server[0]:F0} ms, from summaries {string.Join(" / ", server.Skip(1).Select(ms => $"{ms:F0}"))} ms; " +
                   $"Chromium, fresh context: address → page {Ms(b => b.Title)} ms, → mean ± std of 8 groups drawn {Ms(b => b.Cold)} ms " +
                   $"(a 4-run sweep, same path: {string.Join(" / ", small.Select(ms => $"{ms:F0}"))} ms); " +
                   $"in the app: click in sweep list → drawn {Ms(b => b.InApp)} ms; switch → per-run view ({Curves} curves × " +
                   $"{LossChart.PointsPerCurve(Curves)} points) drawn {Ms(b => b.SwitchToRuns)} ms; load average {LoadAverage()}";
        output.WriteLine(line);
        var results = Path.GetDirectoryName(WebAppFixture.ScreenshotFolder)!;
        Directory.CreateDirectory(results);
        await File.AppendAllTextAsync(Path.Combine(results, "curves-timing.txt"), line + Environment.NewLine);
    }

    private async Task<string> SubmitAndFinishAsync(string yaml)
    {
        var submitted = await web.Lab.SubmitSweepAsync(yaml, "sweep.yaml");
        Assert.Empty(submitted.Errors);
        var sweepId = submitted.Status!.SweepId;
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while ((await web.Lab.Sweep(sweepId).GetStatus())?.State != SweepState.Completed)
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

    /// <summary>
    /// Records, in page time, the first moment each milestone is in the DOM. A MutationObserver runs right after the
    /// change that completes it; polling from the test would be late whenever a chart keeps the main thread busy.
    /// A click restarts the clock, so in-app navigation and view switches are timed from the user's click.
    /// </summary>
    private static readonly string Milestones = $$"""
        window.__at = {};
        const mark = (name, done) => { if (done && !(name in window.__at)) window.__at[name] = performance.now(); };
        document.addEventListener('click', () => { window.__at = { click: performance.now() }; }, true);
        new MutationObserver(() => {
          mark('title', document.querySelector('[data-testid=sweep-title]'));
          const c = document.querySelector('[data-testid=seed-band-chart]');
          const drawn = id => { const e = document.getElementById(id); return e?.dataset.drawn === 'yes' && e.describeChart ? e.describeChart() : null; };
          const bands = drawn('sweep-bands');
          mark('bands', c && bands && +c.dataset.lines === {{Archs.Length * 2}} && bands.series.length === +c.dataset.lines && bands.bands === +c.dataset.bands);
          // Every point the server sent is drawn: the per-run chart's lines hold all of them.
          const runs = drawn('sweep-loss'), l = document.querySelector('[data-testid=loss-chart]');
          mark('runs', runs && l && runs.series.reduce((n, s) => n + s.points, 0) === +l.dataset.points);
          mark('coordinates', document.querySelector('#sweep-parameters .main-svg'));
        }).observe(document, { childList: true, subtree: true, attributes: true });
        """;

    /// <summary>
    /// In a fresh browser context (nothing cached, a new circuit): typing the sweep's address until its default view,
    /// mean ± std across the 50 seeds of each architecture, is drawn; then switching to the per-run view; then, inside
    /// the running app, going to the sweep list and clicking the sweep, until its curves are drawn again.
    /// </summary>
    private async Task<BrowserTimes> OpenInBrowserAsync(string sweepId, bool screenshot)
    {
        var page = await web.NewPageAsync();
        await page.AddInitScriptAsync(Milestones);
        await page.GotoAsync($"{web.BaseUrl}/sweeps/{sweepId}");
        var cold = await WaitForAsync(page, "bands");
        var title = await page.EvaluateAsync<double>("() => window.__at.title");
        Assert.Equal(Runs.ToString(), await page.Locator("[data-testid=results-grid]").GetAttributeAsync("data-trials"));
        await page.Locator("[data-testid=parameter-coordinates] [data-testid=when-visible]").ScrollIntoViewIfNeededAsync();    // plotly.js loads only when scrolled to
        await WaitForAsync(page, "coordinates");
        if (screenshot)
            await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "large-sweep-bands.png"), FullPage = true });

        await page.ClickAsync("[data-testid=curve-mode-runs]");
        var perRun = await WaitForAsync(page, "runs");
        var chart = page.Locator("[data-testid=loss-chart]");
        Assert.Equal(Runs.ToString(), await chart.GetAttributeAsync("data-runs"));
        Assert.Equal(Curves * LossChart.PointsPerCurve(Curves), int.Parse(await chart.GetAttributeAsync("data-points") ?? "0"));
        if (screenshot)
            await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "large-sweep-runs.png") });

        await page.ClickAsync("a[href='sweeps']");
        await page.ClickAsync($"[data-testid=sweep-row] a[href='sweeps/{sweepId}']");
        var inApp = await WaitForAsync(page, "bands");
        await page.CloseAsync();
        return new BrowserTimes(title, cold, perRun, inApp);
    }

    private async Task<double> OpenSmallSweepAsync(string sweepId)
    {
        var page = await web.NewPageAsync();
        await page.AddInitScriptAsync(Milestones);
        await page.GotoAsync($"{web.BaseUrl}/sweeps/{sweepId}");
        var drawn = await WaitForAsync(page, "runs");                                    // 4 runs × val and train: 8 lines
        await page.CloseAsync();
        return drawn;
    }

    private sealed record BrowserTimes(double Title, double Cold, double SwitchToRuns, double InApp);

    // Milliseconds from navigation start (or from the last click) to the milestone.
    private static async Task<double> WaitForAsync(IPage page, string milestone)
    {
        await page.WaitForFunctionAsync($"() => '{milestone}' in window.__at", null, new PageWaitForFunctionOptions { Timeout = 120_000 });
        return await page.EvaluateAsync<double>($"() => window.__at['{milestone}'] - (window.__at.click ?? 0)");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
