using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>Lifecycle feedback and the layout on a wide and a phone-sized screen, in Chromium against the real app.</summary>
[Collection(WebAppCollection.Name)]
public class LifecycleAndLayoutTests(WebAppFixture web)
{
    // 2 architectures × 2 learning rates × 2 seeds = 8 trials, 2 at a time; far too long to finish during the test.
    private const string EightTrials = """
        name: e2e-plan
        metric: {name: val_loss, goal: minimize}
        method: grid
        base: {preset: tiny, max_iters: 100000, eval_interval: 50, n_embd: 16, block_size: 16, eval_iters: 2}
        parameters:
          arch: {values: [transformer, mingru]}
          learning_rate: {values: [1e-3, 3e-3]}
        seeds: 2
        parallel: 2
        """;

    private static readonly ViewportSize Wide = new() { Width = 1400, Height = 1000 };
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task AnEightTrialSweepListsEveryTrialFromTheStartCancelsOnlyAfterConfirmationAndClones()
    {
        var submitted = await web.Lab.SubmitSweepAsync(EightTrials, "e2e-plan.yaml");
        var sweepId = submitted.Status!.SweepId;
        var page = await web.NewPageAsync();
        await page.GotoAsync($"{web.BaseUrl}/sweeps/{sweepId}");

        // Two started, six queued in the plan: eight rows before any trial has finished.
        await Assertions.Expect(page.Locator("[data-testid=run-link]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=planned-trial]")).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("[data-testid=sweep-progress]")).ToContainTextAsync("6 waiting to start");
        await AssertShowsOrScrolls(page, "[data-testid=results-grid] .mud-table-container", "Seconds");
        await Assertions.Expect(page.Locator("#sweep-bands[data-drawn=yes]")).ToBeVisibleAsync();              // drawn before the picture
        await Screenshot(page, "sweep-1400.png");
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Assertions.Expect(page.Locator("[data-testid=menu-button]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=planned-trial]")).ToHaveCountAsync(6);            // still a table, not cards
        await Screenshot(page, "sweep-390.png");
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "sweep-390-first-screen.png") });
        await page.SetViewportSizeAsync(Wide.Width, Wide.Height);

        await page.ClickAsync("[data-testid=cancel]");
        await page.GetByRole(AriaRole.Button, new() { Name = "Keep running" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=sweep-state]")).ToHaveTextAsync("Running");

        await page.ClickAsync("[data-testid=cancel]");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("cannot be undone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel sweep" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=sweep-state]")).ToHaveTextAsync("Cancelled");
        await Assertions.Expect(page.Locator("[data-testid=planned-trial]")).ToHaveCountAsync(0);

        // Clone & edit: the same file, renamed, ready to change and submit.
        await page.ClickAsync("[data-testid=clone-sweep]");
        await InAppNavigation.WaitForAsync(page, $@"/sweeps/new\?from={Regex.Escape(sweepId)}$");
        await Assertions.Expect(page.Locator("[data-testid=sweep-yaml]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^name: e2e-plan-copy\n"));
        await Assertions.Expect(page.Locator("[data-testid=sweep-valid]")).ToContainTextAsync("8 trial(s)");
    }

    [Fact]
    public async Task DarkModeSurvivesAReloadAndTheDrawerFoldsAwayOnAPhone()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync(web.BaseUrl);
        await Assertions.Expect(page.Locator("[data-testid=devices]")).ToBeVisibleAsync();
        await Screenshot(page, "overview-1400.png");

        await page.ClickAsync("[data-testid=dark-mode]");
        await Assertions.Expect(page.Locator("[data-testid=dark-mode]")).ToHaveAttributeAsync("data-dark", "yes");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-testid=dark-mode]")).ToHaveAttributeAsync("data-dark", "yes");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.classList.contains('dark-start')"));
        await Screenshot(page, "overview-1400-dark.png");

        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-testid=menu-button]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Benchmarks" })).Not.ToBeInViewportAsync();
        await Screenshot(page, "overview-390-dark.png");
        await page.ClickAsync("[data-testid=menu-button]");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Benchmarks" })).ToBeInViewportAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "overview-390-menu-open.png") });
        await page.Mouse.ClickAsync(340, 500);                                           // outside the drawer: it closes
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Benchmarks" })).Not.ToBeInViewportAsync();

        await page.ClickAsync("[data-testid=dark-mode]");                                // back to light for the phone screenshot
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-testid=dark-mode]")).ToHaveAttributeAsync("data-dark", "no");
        await Screenshot(page, "overview-390.png");
    }

    [Fact]
    public async Task TimesAreShownWithSecondsInTheBrowsersTimeZone()
    {
        await using var context = await web.Browser.NewContextAsync(new() { TimezoneId = "Asia/Kolkata", ViewportSize = Wide });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(WebAppFixture.PatienceMs);
        await page.GotoAsync(web.BaseUrl);

        // The silo started moments ago: its time is in the browser's zone (UTC+05:30, no summer time), to the second.
        await Assertions.Expect(page.Locator("[data-testid=local-time]").First)
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+05:30$"));
    }

    // Every column can be reached: the box fits its table, or scrolls it (headless Chromium hides the scroll bar itself).
    private static async Task AssertShowsOrScrolls(IPage page, string selector, string lastColumn)
    {
        var box = page.Locator(selector).First;
        Assert.True(await box.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth || ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)"),
            "columns are cut off: the grid neither fits nor scrolls");
        var header = page.GetByRole(AriaRole.Columnheader, new() { Name = lastColumn });
        await header.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(header).ToBeInViewportAsync();
    }

    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, name), FullPage = true });
}
