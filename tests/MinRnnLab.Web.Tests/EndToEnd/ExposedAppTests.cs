using MinRnnLab.Tests.Shared;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>
/// The UI listening beyond this machine, as `dotnet run --urls http://0.0.0.0:...` starts it (Development, from
/// launchSettings.json): it must answer bad requests without a trace of its insides, and keep cookies off plain HTTP
/// once it is served over HTTPS.
/// </summary>
[Collection(WebAppCollection.Name)]
public partial class ExposedAppTests(WebAppFixture web)
{
    [Fact]
    public async Task AnExposedAppRunsAsProductionAndBadRequestsGetNoStackTrace()
    {
        await using var ui = await ClientUi.StartAsync(web, port => $"http://0.0.0.0:{port}",
            "--environment", "Development", "--Web:LoginAttemptsPerMinute", "100");
        Assert.True(ui.App.Environment.IsProduction());
        var http = ui.Http;
        var form = await http.GetStringAsync("/login");
        var token = WebUtility.HtmlDecode(Token().Match(form).Groups[1].Value);

        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["login without anti-forgery token"] = await http.PostAsync("/account/login", Form(("secret", "x"), ("returnUrl", "/"))),
            ["login with a forged token"] = await http.PostAsync("/account/login", Form(("__RequestVerificationToken", "forged"), ("secret", "x"))),
            ["login as JSON"] = await http.PostAsync("/account/login", new StringContent("{\"secret\":\"x\"}", Encoding.UTF8, "application/json")),
            ["login with a broken form"] = await http.PostAsync("/account/login", new StringContent("%%%=&&=%zz", Encoding.UTF8, "application/x-www-form-urlencoded")),
            ["login with a token and a huge field"] = await http.PostAsync("/account/login", Form(("__RequestVerificationToken", token), ("secret", new string('x', 5_000_000)))),
            ["logout without a cookie"] = await http.PostAsync("/account/logout", null),
            ["circuit without a cookie"] = await http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null),
            ["page with a bad query"] = await http.GetAsync("/login?returnUrl=%ZZ&failed=%00"),
        };

        foreach (var (request, answer) in answers)
        {
            var body = await answer.Content.ReadAsStringAsync();
            Assert.False(Insides().IsMatch(body), $"{request}: {(int)answer.StatusCode} with {body[..Math.Min(body.Length, 2000)]}");
            Assert.True((int)answer.StatusCode < 500, $"{request}: {(int)answer.StatusCode}, a server error for a bad request");
        }
        // A login form without its token (a stale page, or a post from another site) is asked again, with a reason.
        var again = answers["login without anti-forgery token"].Headers.Location!.ToString();
        Assert.Equal("/login?expired=1&returnUrl=%2F", again);
        Assert.Contains("The login form had expired", await http.GetStringAsync(again));
        Assert.Equal(HttpStatusCode.BadRequest, answers["login as JSON"].StatusCode);
    }

    [Fact]
    public async Task OverHttpsTheLoginAndAntiforgeryCookiesAreSecure()
    {
        var port = FreePort.Next();
        var certificate = Path.Combine(web.DataFolder, $"https-{port}.pfx");
        await File.WriteAllBytesAsync(certificate, SelfSigned().Export(X509ContentType.Pfx, "test"));
        await using var app = MinRnnLab.Web.Hosting.LabWebApp.Build(
        [
            "--Kestrel:Endpoints:Https:Url", $"https://127.0.0.1:{port}",
            "--Kestrel:Endpoints:Https:Certificate:Path", certificate, "--Kestrel:Endpoints:Https:Certificate:Password", "test",
            "--Web:Mode", "client", "--Web:AdminSecret", ClientUi.Secret,
            "--Lab:GatewayPort", web.GatewayPort.ToString(), "--Lab:DataFolder", web.DataFolder, "--Logging:LogLevel:Default", "Warning",
        ]);
        await app.StartAsync();
        using var http = new HttpClient(new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        }) { BaseAddress = new Uri($"https://127.0.0.1:{port}") };

        var login = await http.GetAsync("/login");
        var antiforgery = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        var form = await login.Content.ReadAsStringAsync();
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = Form(("__RequestVerificationToken", WebUtility.HtmlDecode(Token().Match(form).Groups[1].Value)), ("secret", ClientUi.Secret), ("returnUrl", "/")),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await http.SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("minrnnlab.auth="));
        Assert.Contains("secure", auth.Split(';').Select(a => a.Trim()));
        Assert.Contains("secure", antiforgery.Split(';').Select(a => a.Trim()));
        await app.StopAsync();
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();

    // A stack frame, an exception's type name or a framework namespace: what a developer page or a detailed error shows.
    [GeneratedRegex(@"\bat [\w.`<>]+\(|\w+Exception\b|\bMicrosoft\.AspNetCore\.|\bSystem\.\w+\.|\bMinRnnLab\.Web\.")]
    private static partial Regex Insides();
}
