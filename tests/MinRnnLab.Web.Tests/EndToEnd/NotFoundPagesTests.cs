using System.Text.RegularExpressions;
using System.Net;
using Microsoft.Playwright;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>
/// Addresses that name nothing, in Chromium against the real app: each page says "not found" and offers a way back,
/// the circuit survives (the way back works without a reload), and nothing is stored.
/// </summary>
[Collection(WebAppCollection.Name)]
public class NotFoundPagesTests(WebAppFixture web)
{
    private const string AppNotFound = "There is no page at this address.";

    [Theory]
    [InlineData("sweeps/does-not-exist", "no sweep 'does-not-exist'", "/sweeps", null)]
    [InlineData("sweeps/does-not-exist/runs/99", "no run 'does-not-exist/99'", "/sweeps/does-not-exist", "no sweep 'does-not-exist'")]
    [InlineData("sweeps/does-not-exist/runs/-1", "no run 'does-not-exist/-1'", "/sweeps/does-not-exist", "no sweep 'does-not-exist'")]
    [InlineData("sweeps/does-not-exist/runs/abc", AppNotFound, "/", null)]                   // not a run number
    [InlineData("sweeps/does-not-exist/runs/99999999999", AppNotFound, "/", null)]           // beyond any run number
    [InlineData("no/such/page", AppNotFound, "/", null)]
    public async Task EveryPageOfAnUnknownAddressSaysNotFoundAndLeadsBack(string path, string message, string back, string? messageThere)
    {
        var page = await web.NewPageAsync();

        var response = await page.GotoAsync($"{web.BaseUrl}/{path}");

        Assert.Equal(404, response!.Status);                                           // issue 29 item 6: was 200 for an unknown sweep or run
        await Assertions.Expect(page.Locator("[data-testid=not-found]")).ToHaveTextAsync(message, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=pause]")).ToHaveCountAsync(0);
        // The circuit is alive: the way back navigates inside it, to a page that renders.
        await page.ClickAsync("[data-testid=not-found-back]");
        await InAppNavigation.WaitForAsync(page, $"^{Regex.Escape(web.BaseUrl + back)}$");
        if (messageThere is null)
        {
            await Assertions.Expect(page.Locator("h4").First).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=not-found]")).ToHaveCountAsync(0);
        }
        else
            await Assertions.Expect(page.Locator("[data-testid=not-found]")).ToHaveTextAsync(messageThere);
        Assert.DoesNotContain(await web.Lab.ListSweepsAsync(), s => s.SweepId == "does-not-exist");
        Assert.Null(await web.Lab.Sweep("does-not-exist").GetStatus());
        await page.CloseAsync();
    }

    [Fact]
    public async Task SweepAndRunPagesAnswer404OnlyForIdsThatNameNothing()
    {
        var submitted = await web.Lab.SubmitSweepAsync(KnownSweep, "e2e-known.yaml");
        var sweepId = submitted.Status?.SweepId ?? throw new InvalidOperationException(string.Join("; ", submitted.Errors));
        using var http = new HttpClient { BaseAddress = new Uri(web.BaseUrl) };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/sweeps/{sweepId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/sweeps/{sweepId}/runs/0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/sweeps/{sweepId}/runs/1")).StatusCode);     // a plan of one trial
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/sweeps/no-such-sweep-either")).StatusCode);
        await web.Lab.Sweep(sweepId).Cancel();
    }

    // One trial of the smallest model, so the run page of trial 0 exists at once and trial 1 never does.
    private const string KnownSweep = """
        name: e2e-known
        metric: {name: val_loss}
        method: grid
        base: {preset: tiny, max_iters: 2, eval_interval: 1, n_embd: 16, block_size: 16, eval_iters: 1}
        parameters:
          arch: {values: [mingru]}
        """;

    [Fact]
    public async Task AnUnknownRouteAnswers404WithTheAppsOwnPage()
    {
        var page = await web.NewPageAsync();

        var response = await page.GotoAsync($"{web.BaseUrl}/no-such-page");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("[data-testid=not-found]")).ToHaveTextAsync(AppNotFound, new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "not-found.png"), FullPage = true });
        await page.CloseAsync();
    }
}
