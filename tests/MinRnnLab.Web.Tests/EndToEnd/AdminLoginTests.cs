using MinRnnLab.Tests.Shared;
using System.Net;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>
/// A second UI process joining the fixture's cluster as a client, with an admin secret: every page needs the
/// login cookie, only the right secret gets one, and guessing is limited per client address.
/// </summary>
[Collection(WebAppCollection.Name)]
public class AdminLoginTests(WebAppFixture web)
{
    private static string Loopback(int port) => $"http://127.0.0.1:{port}";

    [Fact]
    public async Task AClientUiWithASecretRequiresLoginAndTheRightSecretGetsIn()
    {
        await using var ui = await ClientUi.StartAsync(web, Loopback);
        var http = ui.Http;

        var anonymous = await http.GetAsync("/sweeps");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/login", anonymous.Headers.Location!.PathAndQuery);
        Assert.NotEqual(HttpStatusCode.OK, (await http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);

        var wrong = await ui.LogInAsync("guess", returnUrl: "/");
        Assert.Contains("failed=1", wrong.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await http.GetAsync("/sweeps")).StatusCode);

        var right = await ui.LogInAsync(ClientUi.Secret, returnUrl: "/");
        Assert.Equal("/", right.Headers.Location!.ToString());
        var page = await http.GetAsync("/sweeps");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // Pages are not prerendered: what a logged-in request gets is the app shell that starts the interactive page.
        // (its address fingerprinted by MapStaticAssets: blazor.web.<hash>.js)
        Assert.Matches(@"_framework/blazor\.web(\.[a-z0-9]+)?\.js", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);
    }

    [Fact]
    public async Task AnUnknownAddressAnswers404WithASecretSetLoggedInOrNot()
    {
        await using var ui = await ClientUi.StartAsync(web, Loopback);

        var anonymous = await ui.Http.GetAsync("/no-such-page");
        await ui.LogInAsync(ClientUi.Secret, returnUrl: "/");
        var loggedIn = await ui.Http.GetAsync("/no-such-page");

        // Before, both were 500s: the re-executed 404 reached a page with authorization metadata past the middleware.
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (anonymous.StatusCode, loggedIn.StatusCode));
        Assert.DoesNotContain("   at ", await anonymous.Content.ReadAsStringAsync());
    }

    [Fact]
    public void TheReadmesRunCommandDoesNotRunTheAppAsDevelopment()
    {
        // `dotnet run --project ui/MinRnnLab.Web` applies this launch profile: its environment is what the app runs as.
        var settings = File.ReadAllText(Repository.PathOf("ui", "MinRnnLab.Web", "Properties", "launchSettings.json"));
        Assert.DoesNotContain("ASPNETCORE_ENVIRONMENT", settings);
        Assert.DoesNotContain("DOTNET_ENVIRONMENT", settings);
    }

    [Fact]
    public async Task TheReturnUrlSurvivesAWrongSecretAndOnlyLocalUrlsAreFollowed()
    {
        await using var ui = await ClientUi.StartAsync(web, Loopback, "--Web:LoginAttemptsPerMinute", "20");

        // The cookie middleware sends an anonymous visitor to the login page with the page they asked for.
        var asked = (await ui.Http.GetAsync("/sweeps/new")).Headers.Location!.PathAndQuery;
        Assert.Equal("/sweeps/new", ClientUi.HiddenReturnUrl(await ui.Http.GetStringAsync(asked)));

        var wrong = await ui.LogInAsync("guess", loginPage: asked);
        var retry = wrong.Headers.Location!.ToString();
        Assert.Equal("/login?failed=1&returnUrl=%2Fsweeps%2Fnew", retry);
        var form = await ui.Http.GetStringAsync(retry);
        Assert.Contains("Wrong secret", form);
        Assert.Equal("/sweeps/new", ClientUi.HiddenReturnUrl(form));

        var right = await ui.LogInAsync(ClientUi.Secret, loginPage: retry);
        Assert.Equal("/sweeps/new", right.Headers.Location!.ToString());

        // Elsewhere is never a destination, before or after a wrong secret.
        Assert.Equal("/login?failed=1", (await ui.LogInAsync("guess", returnUrl: "https://evil.example/")).Headers.Location!.ToString());
        foreach (var elsewhere in new[] { "//evil.example/", "/\\evil.example/", "/\t/evil.example/" })
            Assert.Equal("/", (await ui.LogInAsync(ClientUi.Secret, returnUrl: elsewhere)).Headers.Location!.ToString());
    }

    [Fact]
    public async Task AfterFiveAttemptsAMinuteAClientIsToldToWaitAndEvenTheRightSecretIsNotChecked()
    {
        await using var ui = await ClientUi.StartAsync(web, Loopback);

        for (var attempt = 1; attempt <= 5; attempt++)
            Assert.Equal(HttpStatusCode.Redirect, (await ui.LogInAsync($"guess {attempt}", returnUrl: "/")).StatusCode);
        var throttled = await ui.LogInAsync(ClientUi.Secret, returnUrl: "/");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Contains("Too many login attempts from this address (at most 5 a minute)", await throttled.Content.ReadAsStringAsync());
        Assert.Equal(TimeSpan.FromSeconds(60), throttled.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.Redirect, (await ui.Http.GetAsync("/sweeps")).StatusCode);
    }
}
