using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MinRnnLab.Config;
using MinRnnLab.Web.Services.Curves;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>
/// Issue 28 item 4 in Chromium against the real app and real training: a running trial's throughput and ETA on the run
/// page, the sweep page and the Overview; and the metric panels (learning rate, ms/iter, tokens/s, grad norm) with every stored
/// point, on the loss chart's x range.
/// </summary>
[Collection(WebAppCollection.Name)]
public partial class MetricPanelsInBrowserTests(WebAppFixture web)
{
    // Far too long to finish during the test, evaluated every 20 steps: on a loaded machine a step of this tiny model
    // has taken over a second, and the first pace comes with the first evaluation after step 0.
    private const string LongRun = """
        name: e2e-panels
        metric: {name: val_loss, goal: minimize}
        method: grid
        base: {preset: tiny, max_iters: 100000, eval_interval: 20, n_embd: 16, block_size: 16, eval_iters: 2, warmup_iters: 200}
        parameters:
          arch: {values: [mingru]}
        parallel: 1
        """;

    [Fact]
    public async Task ARunningTrialShowsItsEtaEverywhereAndItsStoredMetricsInPanelsOnTheLossChartsXAxis()
    {
        var submitted = await web.Lab.SubmitSweepAsync(LongRun, "e2e-panels.yaml");
        Assert.Empty(submitted.Errors);
        var sweepId = submitted.Status!.SweepId;
        var runId = $"{sweepId}/0";
        var page = await web.NewPageAsync();

        // Running: an ETA (a whole number of seconds) once a report carried ms/iter; on all three pages.
        await page.GotoAsync($"{web.BaseUrl}/sweeps/{sweepId}/runs/0");
        await Assertions.Expect(page.Locator("[data-testid=run-eta]")).ToHaveAttributeAsync("data-eta-seconds", Digits(), new() { Timeout = 240_000 });
        await Assertions.Expect(page.Locator("[data-testid=run-eta]")).ToContainTextAsync(EtaText());
        await page.GotoAsync($"{web.BaseUrl}/sweeps/{sweepId}");
        var running = page.Locator($"[data-testid=running-trial][data-run='{runId}']");
        await Assertions.Expect(running.Locator("[data-testid=run-eta]")).ToHaveAttributeAsync("data-eta-seconds", Digits());
        await Assertions.Expect(running).ToContainTextAsync("/ 100000");
        await page.GotoAsync(web.BaseUrl);
        await Assertions.Expect(page.Locator("[data-testid=devices] [data-testid=run-eta]")).ToHaveAttributeAsync("data-eta-seconds", Digits());

        // Stopped, so its curves hold still: each panel draws every stored point of its metric.
        await page.GotoAsync($"{web.BaseUrl}/sweeps/{sweepId}/runs/0");
        await Assertions.Expect(page.Locator("[data-testid=metric-panel]")).ToHaveCountAsync(MetricPanelSpecs.Metrics.Count);  // grad norm too: grad_clip 1
        await web.Lab.Sweep(sweepId).Cancel();
        await Assertions.Expect(page.Locator("[data-testid=run-state]").First).Not.ToHaveTextAsync("Running");
        var lastStep = await SettledLastStepAsync(runId);                               // a report in flight at the cancel is stored too
        await page.ReloadAsync();
        var loss = await DrawnCurves.WaitForAsync(page, "run-loss", $"c => c.series.length === 2 && c.xRange[1] === {lastStep}");
        foreach (var metric in MetricPanelSpecs.Names)
        {
            var stored = (await web.Lab.GetCurvesAsync([runId], [metric], 100_000)).Single();
            Assert.True(stored.Steps.Length >= 1, $"no {metric} stored");
            var panel = await DrawnCurves.WaitForAsync(page, $"run-{metric}", $"c => c.series.length === 1 && c.series[0].points === {stored.Steps.Length} && c.yTicks.length >= 2");  // axes drawn (late under load)
            Assert.False(panel.GetProperty("logY").GetBoolean());                      // a metric reads on a linear axis
            Assert.Equal(loss.GetProperty("xRange").ToString(), panel.GetProperty("xRange").ToString());   // the loss chart's x axis
            Assert.Equal("step", panel.GetProperty("xTitle").GetString());
            // Every tick says its own value: a learning rate's 5e-4 and 1e-3 once both read "0.001".
            var ticks = panel.GetProperty("yTicks").EnumerateArray().Select(t => t.GetString()).ToList();
            Assert.True(ticks.Count >= 2 && ticks.Distinct().Count() == ticks.Count, $"{metric}'s y ticks: {string.Join(", ", ticks)}");
        }
        await Assertions.Expect(page.Locator("[data-testid=run-eta]")).ToHaveCountAsync(0);                // not running: no ETA

        // The tools' x axis moves the panels with the loss chart.
        await page.GotoAsync($"{web.BaseUrl}/sweeps/{sweepId}/runs/0?x=time");
        var timed = await DrawnCurves.WaitForAsync(page, "run-loss", "c => c.xTitle === 'training time (s)'");
        var lr = await DrawnCurves.WaitForAsync(page, $"run-{MetricNames.LearningRate}", "c => c.xTitle === 'training time (s)'");
        Assert.Equal(timed.GetProperty("xRange").ToString(), lr.GetProperty("xRange").ToString());
    }

    // The run's last stored evaluation step, once two reads two seconds apart agree.
    private async Task<int> SettledLastStepAsync(string runId)
    {
        async Task<int> LastAsync() => (await web.Lab.GetCurvesAsync([runId], [MetricNames.ValLoss, .. MetricPanelSpecs.Names], 100_000))
            .Max(c => c.Steps.Length == 0 ? 0 : c.Steps[^1]);
        var last = await LastAsync();
        for (var tries = 0; tries < 30; tries++)
        {
            await Task.Delay(2000);
            var now = await LastAsync();
            if (now == last)
                return now;
            last = now;
        }
        throw new TimeoutException($"run {runId} kept storing evaluations after it stopped (last step {last})");
    }

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex Digits();

    [GeneratedRegex(@"tok/s · [\d.]+ ms/iter · ETA \d+ (s|min|h|d)")]
    private static partial Regex EtaText();
}
