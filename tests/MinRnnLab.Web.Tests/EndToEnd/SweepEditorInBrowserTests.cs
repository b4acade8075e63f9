using Microsoft.Playwright;
using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>The New-sweep editor in Chromium with files near and over the upload limit, which once dropped the circuit.</summary>
[Collection(WebAppCollection.Name)]
public class SweepEditorInBrowserTests(WebAppFixture web)
{
    private const string Sweep = """
        name: e2e-large
        metric: {name: val_loss, goal: minimize}
        method: grid
        base: {preset: tiny, max_iters: 20}
        parameters:
          arch: {values: [transformer, mingru]}
        """;

    [Fact]
    public async Task A100KbPasteIsCheckedAndTextOverTheLimitIsRefusedWithoutLosingTheCircuit()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync($"{web.BaseUrl}/sweeps/new");
        await Assertions.Expect(page.Locator("[data-testid=new-sweep-title]")).ToHaveAttributeAsync("data-interactive", "yes");
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = web.BaseUrl });
        var editor = page.Locator("[data-testid=sweep-yaml]");
        var check = page.Locator("[data-sweep-check]");

        await PasteAsync(page, editor, PaddedSweep.To(Sweep.Replace("method: grid", "method: gird"), 100 * 1024));
        await Assertions.Expect(page.Locator("[data-testid=sweep-errors]")).ToContainTextAsync("gird");

        await PasteAsync(page, editor, PaddedSweep.To(Sweep, 100 * 1024));
        await Assertions.Expect(page.Locator("[data-testid=sweep-valid]")).ToContainTextAsync("2 trial(s)");
        await Assertions.Expect(check).ToHaveAttributeAsync("data-version", "2");
        await Assertions.Expect(page.Locator("[data-testid=submit-sweep]")).ToBeEnabledAsync();

        var tooLarge = PaddedSweep.To(Sweep, SweepCheck.MaxBytes + 40 * 1024);
        await PasteAsync(page, editor, tooLarge);
        await Assertions.Expect(page.Locator("[data-testid=sweep-too-large]")).ToContainTextAsync("The text is 296 KB; a sweep file may be at most 256 KB");
        await Assertions.Expect(page.Locator(".gutter span")).ToHaveCountAsync(tooLarge.Count(c => c == '\n') + 2);   // still beside its lines
        // ...and the textarea is as tall as its text: scrolled inside, its lines would drift away from those numbers.
        Assert.True(await editor.EvaluateAsync<bool>("textarea => textarea.scrollTop === 0 && textarea.scrollHeight <= textarea.clientHeight"));
        await Assertions.Expect(page.Locator("[data-testid=sweep-valid]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=submit-sweep]")).ToBeDisabledAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "new-sweep-too-large.png") });

        // The same circuit still answers: the next edit is checked.
        await PasteAsync(page, editor, Sweep);
        await Assertions.Expect(page.Locator("[data-testid=sweep-valid]")).ToContainTextAsync("2 trial(s)");
        await Assertions.Expect(check).ToHaveAttributeAsync("data-version", "4");

        // In the very event of an edit, before the circuit has seen it, the result of the old text is hidden.
        Assert.True(await editor.EvaluateAsync<bool>("""
            textarea => {
                textarea.value += '# edited';
                textarea.dispatchEvent(new InputEvent('input', { bubbles: true }));
                const check = document.querySelector('[data-sweep-check]');
                return check.classList.contains('stale') && getComputedStyle(check.querySelector('[data-testid=sweep-valid]')).display === 'none';
            }
            """));
        await Assertions.Expect(check).ToHaveAttributeAsync("data-version", "5");
        await Assertions.Expect(page.Locator("[data-testid=sweep-valid]")).ToBeVisibleAsync();
    }

    // A real paste: through the clipboard, one input event for the whole text (FillAsync inserts line by line).
    private static async Task PasteAsync(IPage page, ILocator editor, string text)
    {
        await page.EvaluateAsync("text => navigator.clipboard.writeText(text)", text);
        await editor.FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Control+V");
    }
}
