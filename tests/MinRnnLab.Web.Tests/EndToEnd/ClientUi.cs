using MinRnnLab.Tests.Shared;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using MinRnnLab.Web.Hosting;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>
/// A second UI process's app, started in-process as a client of the fixture's cluster with an admin secret, and an
/// HTTP client that keeps cookies and shows redirects instead of following them.
/// </summary>
public sealed partial class ClientUi : IAsyncDisposable
{
    public const string Secret = "s3cret";

    private ClientUi(WebApplication app, HttpClient http, CookieContainer cookies) => (App, Http, Cookies) = (app, http, cookies);

    public WebApplication App { get; }
    public HttpClient Http { get; }
    public CookieContainer Cookies { get; }

    /// <param name="listen">The URL Kestrel binds; the client connects to 127.0.0.1 on the same port.</param>
    public static async Task<ClientUi> StartAsync(WebAppFixture web, Func<int, string> listen, params string[] settings)
    {
        var port = FreePort.Next();
        var app = LabWebApp.Build(
        [
            "--urls", listen(port), "--Web:Mode", "client", "--Web:AdminSecret", Secret,
            "--Lab:GatewayPort", web.GatewayPort.ToString(), "--Lab:DataFolder", web.DataFolder,
            "--Logging:LogLevel:Default", "Warning", .. settings,
        ]);
        await app.StartAsync();
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
        };
        return new ClientUi(app, http, cookies);
    }

    /// <summary>GETs the login page (for its anti-forgery token) and posts the form as a browser would.</summary>
    public async Task<HttpResponseMessage> LogInAsync(string secret, string loginPage = "/login", string? returnUrl = null)
    {
        var form = await Http.GetStringAsync(loginPage);
        return await Http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryToken().Match(form).Groups[1].Value),
            ["secret"] = secret,
            ["returnUrl"] = returnUrl ?? HiddenReturnUrl(form),
        }));
    }

    /// <summary>The returnUrl the login form would post back.</summary>
    public static string HiddenReturnUrl(string form) => WebUtility.HtmlDecode(ReturnUrlField().Match(form).Groups[1].Value);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("name=\"returnUrl\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();
}
