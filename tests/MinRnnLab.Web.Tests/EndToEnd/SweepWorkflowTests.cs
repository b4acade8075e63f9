using Microsoft.Playwright;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>A person's path through the UI, in Chromium against the real app and real (tiny) training.</summary>
[Collection(WebAppCollection.Name)]
public class SweepWorkflowTests(WebAppFixture web)
{
    // Two architectures, 20 steps of a 16-wide model: seconds on a CPU, still evaluated four times per run.
    private const string TinySweep = """
        name: e2e-tiny
        metric: {name: val_loss, goal: minimize, target: 4.1}
        method: grid
        base: {preset: tiny, max_iters: 20, eval_interval: 5, n_embd: 16, block_size: 16, eval_iters: 2}
        parameters:
          arch: {values: [transformer, mingru]}
        parallel: 2
        max_restarts: 1
        checkpoint_interval: 10
        """;

    [Fact]
    public async Task ATinySweepSubmittedInTheEditorRunsLiveAndShowsCurvesAndResults()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync($"{web.BaseUrl}/sweeps/new");
        await WaitForCircuit(page);

        await page.FillAsync("[data-testid=sweep-yaml]", TinySweep);
        await Assertions.Expect(page.Locator("[data-testid=sweep-valid]")).ToContainTextAsync("2 trial(s)");
        await page.ClickAsync("[data-testid=submit-sweep]");

        // Submitting stores the sweep and queues its trials before the page moves on: beside two CPU burners that once
        // took longer than the 30 s patience, so this step gets three times that (and says what the page showed).
        try
        {
            await InAppNavigation.WaitForAsync(page, "/sweeps/e2e-tiny-[^/]+$", 3 * WebAppFixture.PatienceMs);
        }
        catch (TimeoutException e)
        {
            var shown = await page.Locator("body").InnerTextAsync();
            throw new TimeoutException($"{e.Message}; the page at {page.Url} shows: {shown[..Math.Min(shown.Length, 2000)]}", e);
        }
        // The detail page updates itself from the live stream: no reload from here on.
        await Assertions.Expect(page.Locator("[data-testid=sweep-state]")).ToHaveTextAsync("Completed", new() { Timeout = 180_000 });
        await Assertions.Expect(page.Locator("[data-testid=sweep-progress]")).ToContainTextAsync("2 / 2 finished");
        await Assertions.Expect(page.Locator("[data-testid=run-link]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=loss-chart]")).ToHaveAttributeAsync("data-traces", "4");   // val + train per run
        await DrawnCurves.WaitForAsync(page, "sweep-loss", "c => c.series.length === 4");                              // drawn by uPlot
        await Assertions.Expect(page.Locator("[data-testid=convergence]")).ToContainTextAsync("mingru");
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "sweep-detail.png"), FullPage = true });

        await page.Locator("[data-testid=run-link]").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=run-title]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=run-state]").First).ToHaveTextAsync("Succeeded");
        await DrawnCurves.WaitForAsync(page, "run-loss", "c => c.series.length === 2");
        await Assertions.Expect(page.Locator("[data-testid=attempt-row]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=checkpoint-latest]")).ToContainTextAsync("step 20");
        await Assertions.Expect(page.Locator("[data-testid=run-log]")).ToContainTextAsync("step 20: train loss");
        await page.ClickAsync("[data-testid=sample-button]");
        await Assertions.Expect(page.Locator("[data-testid=sample-output]")).ToContainTextAsync("ROMEO:", new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "run-detail.png"), FullPage = true });

        // The run page on a phone: the chart keeps 300 px of plot, and nothing makes the page scroll sideways.
        var phone = await web.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        phone.SetDefaultTimeout(WebAppFixture.PatienceMs);
        await phone.GotoAsync(page.Url);
        await DrawnCurves.WaitForAsync(phone, "run-loss", "c => c.series.length === 2 && c.width >= 300");
        await Assertions.Expect(phone.Locator("[data-testid=run-log]")).ToContainTextAsync("step 20: train loss");
        // A failure names the outermost elements reaching past the screen (not those inside a card that scrolls them).
        var tooWide = await phone.EvaluateAsync<string[]>("""
            () => {
              const past = e => e.getBoundingClientRect().right > innerWidth + 1;
              const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true; return false; };
              return [...document.querySelectorAll('body *')].filter(e => past(e) && !past(e.parentElement) && !clipped(e))
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}[${e.dataset.testid ?? ''}] ${Math.round(e.getBoundingClientRect().width)} px`);
            }
            """);
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390,
            $"on a 390 px screen the run page is wider than the screen at: {string.Join("; ", tooWide)}");
        await phone.CloseAsync();

        await page.GotoAsync(web.BaseUrl);
        await Assertions.Expect(page.Locator("[data-testid=sweep-row]").First).ToContainTextAsync("e2e-tiny");
        await Assertions.Expect(page.Locator("[data-testid=devices] tbody tr")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "overview.png"), FullPage = true });
    }

    [Fact]
    public async Task AMalformedSweepShowsItsLineAndColumnAndStoresNothing()
    {
        var before = (await web.Lab.ListSweepsAsync()).Length;
        var page = await web.NewPageAsync();
        await page.GotoAsync($"{web.BaseUrl}/sweeps/new");
        await WaitForCircuit(page);

        await page.FillAsync("[data-testid=sweep-yaml]", TinySweep.Replace("arch: {values: [transformer, mingru]}", "arch: {values: [transformer, mingruu]}"));

        await Assertions.Expect(page.Locator("[data-testid=sweep-errors]")).ToContainTextAsync("line 6, column");
        await Assertions.Expect(page.Locator("[data-testid=sweep-errors]")).ToContainTextAsync("mingruu");
        await Assertions.Expect(page.Locator(".gutter span.error")).ToHaveTextAsync("6");
        await Assertions.Expect(page.Locator("[data-testid=submit-sweep]")).ToBeDisabledAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "new-sweep-error.png"), FullPage = true });
        Assert.Equal(before, (await web.Lab.ListSweepsAsync()).Length);
    }

    // The page shows before its editor reports edits to the circuit; typing before that would be lost.
    private static Task WaitForCircuit(IPage page) =>
        Assertions.Expect(page.Locator("[data-testid=new-sweep-title]")).ToHaveAttributeAsync("data-interactive", "yes");
}
