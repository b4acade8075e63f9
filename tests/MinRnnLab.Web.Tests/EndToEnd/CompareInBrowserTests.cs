using Microsoft.Playwright;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>
/// Comparing runs of two sweeps in Chromium against the real app and real (tiny) training: boxes ticked in each
/// sweep's grid fill the tray across page loads, the Compare page overlays the curves, and the curve tools
/// (smoothing, log/linear, wall time) redraw the uPlot chart, read from the chart's own state (<see cref="DrawnCurves"/>).
/// </summary>
[Collection(WebAppCollection.Name)]
public class CompareInBrowserTests(WebAppFixture web)
{
    // Two sweeps that differ in architecture and learning rate: the config diff must name exactly what differs.
    private static string TinySweep(string name, string arch, string learningRate) => $$"""
        name: {{name}}
        metric: {name: val_loss, goal: minimize, target: 4.1}
        method: grid
        base: {preset: tiny, max_iters: 20, eval_interval: 5, n_embd: 16, block_size: 16, eval_iters: 2, learning_rate: {{learningRate}}}
        parameters:
          arch: {values: [{{arch}}]}
        parallel: 1
        """;

    [Fact]
    public async Task RunsOfTwoSweepsAreComparedAndTheCurveToolsRedrawTheChart()
    {
        var first = await SubmitAndFinishAsync(TinySweep("e2e-compare-a", "mingru", "1e-3"));
        var second = await SubmitAndFinishAsync(TinySweep("e2e-compare-b", "transformer", "3e-3"));
        var page = await web.NewPageAsync();

        // A box ticked on each sweep's page; the second page is a fresh load, so the tray comes back from the browser.
        await TickFirstRunAsync(page, first);
        await TickFirstRunAsync(page, second);
        await Assertions.Expect(page.Locator("[data-testid=compare-tray]")).ToHaveAttributeAsync("data-runs", "2");
        await page.ClickAsync("[data-testid=compare-tray]");

        await InAppNavigation.WaitForAsync(page, @"/compare\?runs=");
        var chart = page.Locator("[data-testid=loss-chart]");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-runs", "2");
        var drawn = await DrawnCurves.WaitForAsync(page, "compare-loss", "c => c.series.length === 4");             // val + train per run
        Assert.Equal(4, drawn.GetProperty("legendEntries").GetInt32());
        // Named by what differs between the runs, as a sweep page names its runs: their learning rates.
        Assert.All(drawn.GetProperty("series").EnumerateArray(), s => Assert.Contains("learning_rate", s.GetProperty("legend").GetString()));
        await Assertions.Expect(page.Locator("[data-testid=compare-column]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=config-diff-row][data-key='model.arch']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=config-diff-row][data-key='train.learning_rate']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=config-diff-row][data-key='model.n_embd']")).ToHaveCountAsync(0);  // the same in both

        // Smoothing: each curve is drawn smoothed over its faint raw self.
        await page.Locator("[data-testid=curve-tools] input[type=range]").FillAsync("0.8");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-smoothing", "0.8");
        await DrawnCurves.WaitForAsync(page, "compare-loss", "c => c.series.length === 8 && c.series.filter(s => s.alpha < 1).length === 4");

        // Log to linear and back, as the chart's own y scale says.
        Assert.True((await DrawnCurves.WaitForAsync(page, "compare-loss")).GetProperty("logY").GetBoolean());
        await page.ClickAsync("[data-testid=y-linear]");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-log", "no");
        await DrawnCurves.WaitForAsync(page, "compare-loss", "c => !c.logY && c.yTitle === 'loss'");
        await page.ClickAsync("[data-testid=y-log]");
        await DrawnCurves.WaitForAsync(page, "compare-loss", "c => c.logY");

        // The legend hides a run's curve (and its faint raw self) and shows it again.
        await page.Locator("#compare-loss [data-legend-key]").First.ClickAsync();
        await DrawnCurves.WaitForAsync(page, "compare-loss", "c => c.series.filter(s => !s.shown).length === 2");
        await page.Locator("#compare-loss [data-legend-key]").First.ClickAsync();
        await DrawnCurves.WaitForAsync(page, "compare-loss", "c => c.series.every(s => s.shown)");

        // Saved as PNG and SVG, as a sweep's charts are: every line shown (4 smoothed curves over their raw selves) is in the figure.
        var png = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=compare-loss-png]"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes((await png.PathAsync())!)[..4]);
        var svg = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=compare-loss-svg]"));
        Assert.Equal(8, File.ReadAllText((await svg.PathAsync())!).Split("<polyline").Length - 1);

        // Wall time: the runs trained with this code recorded it, so both are drawn against seconds.
        await page.ClickAsync("[data-testid=x-wall]");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-x", "WallTime");
        await DrawnCurves.WaitForAsync(page, "compare-loss", "c => c.xTitle === 'training time (s)'");
        await Assertions.Expect(page.Locator("[data-testid=runs-without-x]")).ToHaveCountAsync(0);

        // A y range, typed in the toolbar: drawn as typed, and kept in the address.
        await page.Locator(YMin).FillAsync("1");
        await page.Locator(YMin).PressAsync("Tab");
        await page.Locator(YMax).FillAsync("10");
        await page.Locator(YMax).PressAsync("Tab");
        await DrawnCurves.WaitForAsync(page, "compare-loss", "c => c.yRange[0] === 1 && c.yRange[1] === 10");
        Assert.Contains("ymin=1", page.Url);
        Assert.Contains("ymax=10", page.Url);

        // A run's column selects it in the chart (drawn thick), with a link to its page.
        await page.Locator("[data-testid=compare-column]").Nth(1).ClickAsync(new() { Position = new() { X = 2, Y = 2 } });
        await Assertions.Expect(page.Locator("[data-testid=selected-run-link]")).ToBeVisibleAsync();
        var selected = await chart.GetAttributeAsync("data-selected");
        await DrawnCurves.WaitForAsync(page, "compare-loss",
            $"c => c.selected === '{selected}' && c.series.filter(s => s.run === '{selected}' && s.alpha === 1).every(s => s.width >= 4)");

        // Hovering a curve names its run; clicking it selects that run, as the grid's click does.
        // (Every other legend entry hidden first: two runs' curves may pass within a few pixels of each other.)
        var series = drawn.GetProperty("series").EnumerateArray().ToList();
        var other = series.Select(s => s.GetProperty("run").GetString()!).First(r => r != selected);
        var othersVal = series.First(s => s.GetProperty("run").GetString() == other && s.GetProperty("dash").GetString() == "solid").GetProperty("legend").GetString();
        var rest = series.Select(s => s.GetProperty("legend").GetString()!).Where(key => key != othersVal).Distinct().ToList();
        foreach (var key in rest)
            await page.Locator($"#compare-loss [data-legend-key='{key}']").ClickAsync();
        var at = await page.EvaluateAsync<double[]>("run => document.getElementById('compare-loss').pointOnScreen(run, 0.5)", other);
        await page.Mouse.MoveAsync((float)at[0], (float)at[1]);
        await Assertions.Expect(page.Locator("#compare-loss .curve-tooltip")).ToContainTextAsync(other);
        await page.Mouse.ClickAsync((float)at[0], (float)at[1]);
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-selected", other);
        foreach (var key in rest)
            await page.Locator($"#compare-loss [data-legend-key='{key}']").ClickAsync();

        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "compare-1400.png"), FullPage = true });

        // Dark mode darkens the chart too: its axes are drawn again in the MudBlazor theme's text colour (the canvas
        // itself is transparent over the page's surface: no white box).
        var lightText = (await DrawnCurves.WaitForAsync(page, "compare-loss")).GetProperty("theme").GetProperty("text").GetString();
        Assert.Equal(await CssVariableAsync(page, "--mud-palette-text-primary"), lightText);
        await page.ClickAsync("[data-testid=dark-mode]");
        await Assertions.Expect(page.Locator("[data-testid=dark-mode]")).ToHaveAttributeAsync("data-dark", "yes");
        var dark = await DrawnCurves.WaitForAsync(page, "compare-loss", $"c => c.theme.text !== '{lightText}'");
        Assert.Equal(await CssVariableAsync(page, "--mud-palette-text-primary"), dark.GetProperty("theme").GetProperty("text").GetString());
        Assert.Equal("rgba(0, 0, 0, 0)", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('#compare-loss canvas')).backgroundColor"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "compare-1400-dark.png"), FullPage = true });
        await page.ClickAsync("[data-testid=dark-mode]");
        await Assertions.Expect(page.Locator("[data-testid=dark-mode]")).ToHaveAttributeAsync("data-dark", "no");
        await DrawnCurves.WaitForAsync(page, "compare-loss", $"c => c.theme.text === '{lightText}'");

        // The link is the comparison: opened as is on a phone, it shows the same runs in the same view (the tools'
        // settings ride in the address: smoothed, so raw and smoothed per curve, against wall time), fitted to the screen.
        Assert.Contains("smooth=0.8", page.Url);
        var phone = await web.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        phone.SetDefaultTimeout(WebAppFixture.PatienceMs);
        await phone.GotoAsync(page.Url);
        await Assertions.Expect(phone.Locator("[data-testid=menu-button]")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("[data-testid=loss-chart]")).ToHaveAttributeAsync("data-smoothing", "0.8");
        await Assertions.Expect(phone.Locator("[data-testid=loss-chart]")).ToHaveAttributeAsync("data-x", "WallTime");
        await DrawnCurves.WaitForAsync(phone, "compare-loss", "c => c.series.length === 8 && c.width >= 300 && c.yRange[0] === 1 && c.yRange[1] === 10");
        // Nothing pushes the page wider than the phone: wide tables scroll inside their cards.
        await WaitForAsync(async () => await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390,
            "the page is wider than a 390 px screen");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "compare-390.png"), FullPage = true });
    }

    [Fact]
    public async Task ACompareLinkWithAnUnknownRunSaysSoAndShowsTheRest()
    {
        var sweep = await SubmitAndFinishAsync(TinySweep("e2e-compare-c", "minlstm", "1e-3"));
        var page = await web.NewPageAsync();

        await page.GotoAsync($"{web.BaseUrl}/compare?runs={Uri.EscapeDataString($"{sweep}/0")},no-such-sweep%2F4");

        await Assertions.Expect(page.Locator("[data-testid=compare-unknown]")).ToContainTextAsync("'no-such-sweep/4'");
        await Assertions.Expect(page.Locator("[data-testid=loss-chart]")).ToHaveAttributeAsync("data-runs", "1");
    }

    private async Task TickFirstRunAsync(IPage page, string sweepId)
    {
        await page.GotoAsync($"{web.BaseUrl}/sweeps/{sweepId}");
        var box = page.Locator("[data-testid=results-grid] input[type=checkbox]").First;
        await Assertions.Expect(page.Locator("[data-testid=run-link]")).ToHaveCountAsync(1);
        // The tray is restored from the browser after the first render: tick once it is interactive.
        await Assertions.Expect(page.Locator("[data-testid=loss-chart]")).ToHaveAttributeAsync("data-traces", "2");
        // A click, then a wait for the circuit's answer: CheckAsync fails at once when a loaded server has not re-rendered
        // the box yet ("Clicking the checkbox did not change its state", seen beside a CI run).
        await box.ClickAsync();
        await Assertions.Expect(box).ToBeCheckedAsync();
        // The browser's copy is written after the circuit has the pick: the next page load restores from it.
        await WaitForAsync(async () => (await page.EvaluateAsync<string?>("() => localStorage.getItem('minrnn.compare')") ?? "")
            .Contains(Uri.EscapeDataString($"{sweepId}/0")), "the tray was not saved in the browser");
    }

    private async Task<string> SubmitAndFinishAsync(string yaml)
    {
        var submitted = await web.Lab.SubmitSweepAsync(yaml, "sweep.yaml");
        Assert.Empty(submitted.Errors);
        var sweepId = submitted.Status!.SweepId;
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while ((await web.Lab.Sweep(sweepId).GetStatus())?.State != MinRnnLab.Abstractions.SweepState.Completed)
        {
            Assert.True(DateTime.UtcNow < deadline, $"sweep {sweepId} did not finish in 5 minutes");
            await Task.Delay(200);
        }
        return sweepId;
    }

    private const string YMin = "[data-testid=y-min] input, input[data-testid=y-min]";
    private const string YMax = "[data-testid=y-max] input, input[data-testid=y-max]";

    private static Task<string> CssVariableAsync(IPage page, string name) =>
        page.EvaluateAsync<string>("name => getComputedStyle(document.documentElement).getPropertyValue(name).trim()", name);

    // The page settles after the circuit answers: poll the browser's own state, with the E2E patience.
    private static async Task WaitForAsync(Func<Task<bool>> condition, string failure = "the chart did not redraw in time")
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(WebAppFixture.PatienceMs);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(100);
        }
    }
}
