using System.Net;
using System.Text.RegularExpressions;
using MinRnnLab.Web.Hosting;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>
/// A second UI process joining the fixture's cluster as a client, with an admin secret: every page needs the
/// login cookie, and only the right secret gets one.
/// </summary>
[Collection(WebAppCollection.Name)]
public partial class AdminLoginTests(WebAppFixture web)
{
    [Fact]
    public async Task AClientUiWithASecretRequiresLoginAndTheRightSecretGetsIn()
    {
        var url = $"http://127.0.0.1:{WebAppFixture.FreePort()}";
        await using var app = LabWebApp.Build(
        [
            "--urls", url, "--Web:Mode", "client", "--Web:AdminSecret", "s3cret",
            "--Lab:GatewayPort", web.GatewayPort.ToString(), "--Lab:DataFolder", web.DataFolder,
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await app.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(url) };

        var anonymous = await http.GetAsync("/sweeps");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/login", anonymous.Headers.Location!.PathAndQuery.Replace(url, ""));
        Assert.NotEqual(HttpStatusCode.OK, (await http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);

        var wrong = await LogInAsync(http, "guess");
        Assert.Contains("failed=1", wrong.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await http.GetAsync("/sweeps")).StatusCode);

        var right = await LogInAsync(http, "s3cret");
        Assert.Equal("/", right.Headers.Location!.ToString());
        var page = await http.GetAsync("/sweeps");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // Pages are not prerendered: what a logged-in request gets is the app shell that starts the interactive page.
        Assert.Contains("_framework/blazor.web.js", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);
        await app.StopAsync();
    }

    private static async Task<HttpResponseMessage> LogInAsync(HttpClient http, string secret)
    {
        var form = await http.GetStringAsync("/login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["secret"] = secret, ["returnUrl"] = "/",
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
