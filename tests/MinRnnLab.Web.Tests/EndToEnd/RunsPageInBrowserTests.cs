using System.Globalization;
using Microsoft.Playwright;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>
/// The Runs page in Chromium against the real app and real (tiny) training: every run of every sweep in one table, a
/// typed filter that drives the table, the loss chart, the parallel coordinates and the Compare link, kept in the
/// address so a reload (or a shared link) shows the same runs; a bad filter says why and changes nothing.
/// </summary>
[Collection(WebAppCollection.Name)]
public class RunsPageInBrowserTests(WebAppFixture web)
{
    private const string Tag = "runs-page-e2e";

    private const string Grid = $$"""
        name: e2e-runs-page
        metric: {name: val_loss}
        method: grid
        base: {preset: tiny, max_iters: 4, eval_interval: 2, n_embd: 16, block_size: 16, eval_iters: 1}
        parameters:
          arch: {values: [mingru, minlstm]}
          learning_rate: {values: [1e-3, 3e-3]}
        parallel: 2
        tags: [{{Tag}}]
        """;

    [Fact]
    public async Task TheFilterDrivesTheTableTheChartAndTheCoordinatesAndLivesInTheAddress()
    {
        var sweepId = await SubmitAndFinishAsync(Grid);
        var page = await web.NewPageAsync();

        // Every run of the tagged sweep (other tests' sweeps share the app): four rows, eight curves (val and train).
        await page.GotoAsync($"{web.BaseUrl}/runs?q={Uri.EscapeDataString($"tag = {Tag}")}");
        await Assertions.Expect(page.Locator("[data-testid=runs-count]")).ToHaveAttributeAsync("data-matching", "4");
        await DrawnCurves.WaitForAsync(page, "runs-loss", "c => c.series.length === 8");

        // Typing a filter narrows all of it, and the address keeps it.
        await page.Locator("[data-testid=runs-filter] input").FillAsync($"tag = {Tag} and arch = mingru");
        await Assertions.Expect(page.Locator("[data-testid=runs-count]")).ToHaveAttributeAsync("data-matching", "2");
        await Assertions.Expect(page.Locator("[data-testid=runs-row]")).ToHaveCountAsync(2);
        await DrawnCurves.WaitForAsync(page, "runs-loss", "c => c.series.length === 4");
        await Assertions.Expect(page.Locator("[data-testid=parameter-coordinates]")).ToHaveAttributeAsync("data-lines", "2");
        Assert.Contains("arch", Uri.UnescapeDataString(page.Url));
        var trials = (await web.Lab.Sweep(sweepId).GetTrials())!;
        var compare = await page.Locator("[data-testid=runs-compare]").GetAttributeAsync("href");
        Assert.Equal(trials.Where(t => t.Arch == "mingru").Select(t => t.RunId).Order(), CompareRuns(compare).Order());

        // Numbers compare as numbers: 3e-3 is above 2e-3 however it is written.
        // (Both filters keep two runs: the rows, not the count, say when the new one is applied.)
        await page.Locator("[data-testid=runs-filter] input").FillAsync($"tag = {Tag} and learning_rate < 2e-3");
        await ExpectRowsAsync(page, trials.Where(t => t.Parameters["learning_rate"] == "1e-3").Select(t => t.RunId), ordered: false);

        // A bad filter says which key is unknown and keeps the last good result.
        await page.Locator("[data-testid=runs-filter] input").FillAsync("lr < 1");
        await Assertions.Expect(page.Locator("[data-testid=runs-filter]")).ToContainTextAsync("no column 'lr'");
        await Assertions.Expect(page.Locator("[data-testid=runs-count]")).ToHaveAttributeAsync("data-matching", "2");

        // Sorting by best val loss, highest first on the second click: the rows follow the stored numbers.
        await page.Locator("[data-testid=runs-filter] input").FillAsync($"tag = {Tag}");
        await Assertions.Expect(page.Locator("[data-testid=runs-count]")).ToHaveAttributeAsync("data-matching", "4");
        await page.ClickAsync("[data-testid=runs-sort][data-key=best]");
        var byBestDescending = trials.OrderByDescending(t => t.BestMetric).Select(t => t.RunId).ToArray();
        await ExpectRowsAsync(page, byBestDescending, ordered: true);
        Assert.Contains("desc=1", page.Url);
        var best = await page.Locator("[data-testid=runs-row] td[data-key=best]").AllInnerTextsAsync();
        Assert.Equal(best.OrderByDescending(b => double.Parse(b, CultureInfo.InvariantCulture)), best);

        // The address alone reproduces the view: a fresh page on it shows the same filter, order and curves.
        var link = page.Url;
        var second = await web.NewPageAsync();
        await second.GotoAsync(link);
        await Assertions.Expect(second.Locator("[data-testid=runs-count]")).ToHaveAttributeAsync("data-matching", "4");
        await ExpectRowsAsync(second, byBestDescending, ordered: true);
        await DrawnCurves.WaitForAsync(second, "runs-loss", "c => c.series.length === 8");
        await second.CloseAsync();
        await page.CloseAsync();
    }

    /// <summary>Waits until the table lists exactly these runs (in this order when <paramref name="ordered"/>).</summary>
    private static async Task ExpectRowsAsync(IPage page, IEnumerable<string> runIds, bool ordered)
    {
        var expected = System.Text.Json.JsonSerializer.Serialize(ordered ? runIds.ToArray() : runIds.Order(StringComparer.Ordinal).ToArray());
        var script = $$"""
            () => {
              const runs = [...document.querySelectorAll('[data-testid=runs-row]')].map(r => r.dataset.run);
              return JSON.stringify({{(ordered ? "runs" : "runs.sort()")}}) === {{System.Text.Json.JsonSerializer.Serialize(expected)}};
            }
            """;
        try
        {
            await page.WaitForFunctionAsync(script, null, new() { Timeout = WebAppFixture.PatienceMs, PollingInterval = 100 });
        }
        catch (TimeoutException e)
        {
            var shown = await page.Locator("[data-testid=runs-row]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.run)");
            throw new TimeoutException($"the table never listed {expected}; it lists {string.Join(", ", shown)}", e);
        }
    }

    private static IEnumerable<string> CompareRuns(string? href)
    {
        Assert.NotNull(href);
        return Uri.UnescapeDataString(href[(href.IndexOf("runs=", StringComparison.Ordinal) + 5)..]).Split(',');
    }

    private async Task<string> SubmitAndFinishAsync(string yaml)
    {
        var submitted = await web.Lab.SubmitSweepAsync(yaml, "runs-page.yaml");
        Assert.Empty(submitted.Errors);
        await Api.ApiSweeps.WaitUntilCompletedAsync(web, submitted.Status!.SweepId);
        return submitted.Status.SweepId;
    }
}
