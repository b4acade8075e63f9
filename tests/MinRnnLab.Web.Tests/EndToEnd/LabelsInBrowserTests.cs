using Microsoft.Playwright;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>
/// Tags, notes and names edited in Chromium against the real app: on the sweep page and the run page, refused with the
/// grain's words when bad, stored by the grains, and the sweeps list searched and filtered by them.
/// </summary>
[Collection(WebAppCollection.Name)]
public class LabelsInBrowserTests(WebAppFixture web)
{
    private const string Tagged = """
        name: e2e-labels
        metric: {name: val_loss}
        method: grid
        base: {preset: tiny, max_iters: 2, eval_interval: 1, n_embd: 16, block_size: 16, eval_iters: 1}
        tags: [from-file]
        """;

    [Fact]
    public async Task TagsNotesAndNamesAreEditedOnTheSweepAndRunPagesAndFilterTheSweepsList()
    {
        var submitted = await web.Lab.SubmitSweepAsync(Tagged, "e2e-labels.yaml");
        var sweepId = submitted.Status?.SweepId ?? throw new InvalidOperationException(string.Join("; ", submitted.Errors));
        var page = await web.NewPageAsync();
        await page.GotoAsync($"{web.BaseUrl}/sweeps/{sweepId}");
        await Assertions.Expect(page.Locator("[data-testid=tag-chip]")).ToHaveTextAsync(["from-file"]);

        // A bad tag is refused in the grain's words, and nothing changes.
        await page.Locator("[data-testid=tag-input] input").FillAsync("two words");
        await page.ClickAsync("[data-testid=tag-add]");
        await Assertions.Expect(page.Locator("[data-testid=labels-error]")).ToContainTextAsync("tag 'two words'");
        await page.Locator("[data-testid=tag-input] input").FillAsync("keeper");
        await page.ClickAsync("[data-testid=tag-add]");
        await Assertions.Expect(page.Locator("[data-testid=tag-chip]")).ToHaveTextAsync(["from-file", "keeper"]);
        await page.Locator("[data-testid=tag-chip][data-tag=from-file] .mud-chip-close-button").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=tag-chip]")).ToHaveTextAsync(["keeper"]);

        await page.GetByText("Name and notes", new() { Exact = true }).ClickAsync();
        await page.Locator("[data-testid=notes-input] textarea").First.FillAsync("written in the browser");
        await page.Locator("[data-testid=name-input] input").FillAsync("Labelled sweep");
        await page.ClickAsync("[data-testid=notes-save]");
        await Assertions.Expect(page.Locator("[data-testid=sweep-title]")).ToHaveTextAsync("Labelled sweep");
        var stored = await Poll.Until(() => web.Lab.Sweep(sweepId).GetStatus(), s => s!.Labels.Notes.Length > 0);
        Assert.Equal(["keeper"], stored!.Labels.Tags);
        Assert.Equal(("written in the browser", "Labelled sweep"), (stored.Labels.Notes, stored.Labels.Name));
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "sweep-labels.png") });

        // The run page names its run.
        await page.GotoAsync($"{web.BaseUrl}/sweeps/{sweepId}/runs/0");
        await page.GetByText("Name and notes", new() { Exact = true }).ClickAsync();
        await page.Locator("[data-testid=name-input] input").FillAsync("the only run");
        await page.ClickAsync("[data-testid=notes-save]");
        await Assertions.Expect(page.Locator("[data-testid=run-name]")).ToHaveTextAsync("the only run");
        Assert.Equal("the only run", (await web.Lab.Run($"{sweepId}/0").GetStatus())!.Labels.Name);
        await page.GotoAsync($"{web.BaseUrl}/sweeps/{sweepId}");                        // the results grid names it too
        await Assertions.Expect(page.Locator("[data-testid=run-labels]")).ToHaveTextAsync("the only run");

        // The sweeps list: filtered by the tag, and searched by the notes.
        await page.GotoAsync($"{web.BaseUrl}/sweeps");
        await page.Locator("[data-testid=tag-filter-chip][data-tag=keeper]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=sweep-row]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=sweep-row]")).ToContainTextAsync(sweepId);
        await page.ClickAsync("[data-testid=tag-filter-all]");
        await page.Locator("[data-testid=sweep-search] input").FillAsync("no sweep says this");
        await Assertions.Expect(page.Locator("[data-testid=sweep-row]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=no-match]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=sweep-search] input").FillAsync("in the browser");
        await Assertions.Expect(page.Locator("[data-testid=sweep-row]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=sweep-tags]")).ToContainTextAsync("keeper");
        await page.CloseAsync();
    }
}
