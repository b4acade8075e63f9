using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using MinRnnLab.Web.Tests.EndToEnd;

namespace MinRnnLab.Web.Tests.Api;

/// <summary>The API tokens page in Chromium: a token made there is shown once and opens the API; revoked there, it no longer does.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ApiTokenPageTests(WebAppFixture web)
{
    [Fact]
    public async Task ATokenMadeOnThePageIsShownOnceOpensTheApiAndIsRevokedThere()
    {
        await using var exposed = await ClientUi.StartAsync(web, port => $"http://127.0.0.1:{port}", "--Web:LoginAttemptsPerMinute", "1000");
        var page = await web.NewPageAsync();
        await page.GotoAsync($"{web.BaseUrl}/admin/api-tokens");
        await Assertions.Expect(page.Locator("[data-testid=tokens-title]")).ToHaveAttributeAsync("data-interactive", "yes");
        var name = $"notebook {Guid.NewGuid():N}"[..20];

        await page.FillAsync("[data-testid=token-name]", name);
        await page.ClickAsync("[data-testid=token-create]");
        var token = (await page.Locator("[data-testid=token-value]").TextContentAsync())!.Trim();
        var row = page.Locator("[data-testid=token-row]", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync(token[..8]);
        await Assertions.Expect(row).Not.ToContainTextAsync(token);                    // the list shows its prefix, never the token
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(exposed, token)).StatusCode);

        await row.Locator("[data-testid=token-revoke]").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=token-value]")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallAsync(exposed, token)).StatusCode);
    }

    private static Task<HttpResponseMessage> CallAsync(ClientUi exposed, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sweeps");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return exposed.Http.SendAsync(request);
    }
}
