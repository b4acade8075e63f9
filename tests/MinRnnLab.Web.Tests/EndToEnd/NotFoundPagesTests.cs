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

        await page.GotoAsync($"{web.BaseUrl}/{path}");

        await Assertions.Expect(page.Locator("[data-testid=not-found]")).ToHaveTextAsync(message, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=pause]")).ToHaveCountAsync(0);
        // The circuit is alive: the way back navigates inside it, to a page that renders.
        await page.ClickAsync("[data-testid=not-found-back]");
        await page.WaitForURLAsync($"{web.BaseUrl}{back}");
        if (messageThere is null)
        {
            await Assertions.Expect(page.Locator("h4").First).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=not-found]")).ToHaveCountAsync(0);
        }
        else
            await Assertions.Expect(page.Locator("[data-testid=not-found]")).ToHaveTextAsync(messageThere);
        Assert.DoesNotContain(await web.Lab.ListSweepsAsync(), s => s.SweepId == "does-not-exist");
        Assert.Null(await web.Lab.GetSweepAsync("does-not-exist"));
        await page.CloseAsync();
    }

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
