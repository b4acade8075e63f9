using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MinRnnLab.Client;
using MinRnnLab.Web.Tests.EndToEnd;

namespace MinRnnLab.Web.Tests.Api;

/// <summary>
/// The API of an app that requires a login (Web:AdminSecret), as a client of the fixture's cluster: every route
/// refuses a call without a valid token (401, problem+json), takes it with one, refuses it again once the token is
/// revoked, and answers 429 once an address has spent its allowance of refused calls.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ApiTokenTests(WebAppFixture web)
{
    [Fact]
    public async Task EveryRouteRefusesACallWithoutAValidTokenAndTakesItWithOne()
    {
        await using var ui = await ClientUi.StartAsync(web, port => $"http://127.0.0.1:{port}", "--Web:LoginAttemptsPerMinute", "1000");
        await using var lab = LabClient.ForCluster(ui.App.Services.GetRequiredService<IClusterClient>());
        var token = await lab.CreateApiTokenAsync("api tests");
        var routes = ApiRoutes.All(ui.App.Services);
        Assert.True(routes.Count >= 20, $"only {routes.Count} routes found: {string.Join(", ", routes)}");

        foreach (var route in routes)
        {
            var without = await ui.Http.SendAsync(Request(route, bearer: null));
            await AssertRefusedAsync(without, route, "needs `Authorization: Bearer <token>`");
            var wrong = await ui.Http.SendAsync(Request(route, bearer: "mrl_not-a-token"));
            await AssertRefusedAsync(wrong, route, "not valid");
            var with = await ui.Http.SendAsync(Request(route, token.Token));
            Assert.True(with.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests),
                $"{route.Method} {route.WithUnknownIds} with a valid token: {(int)with.StatusCode}");
            Assert.True((int)with.StatusCode < 500, $"{route.Method} {route.WithUnknownIds}: {(int)with.StatusCode} {await with.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task ARevokedTokenIsRefusedAtItsNextCall()
    {
        await using var ui = await ClientUi.StartAsync(web, port => $"http://127.0.0.1:{port}", "--Web:LoginAttemptsPerMinute", "1000");
        await using var lab = LabClient.ForCluster(ui.App.Services.GetRequiredService<IClusterClient>());
        var token = await lab.CreateApiTokenAsync("to revoke");
        var list = new ApiRoutes.Route("GET", "/api/v1/sweeps");
        Assert.Equal(HttpStatusCode.OK, (await ui.Http.SendAsync(Request(list, token.Token))).StatusCode);

        Assert.True(await lab.RevokeApiTokenAsync(token.Info.Id));

        await AssertRefusedAsync(await ui.Http.SendAsync(Request(list, token.Token)), list, "not valid");
        var delete = new ApiRoutes.Route("DELETE", "/api/v1/sweeps/{sweepId}");
        await AssertRefusedAsync(await ui.Http.SendAsync(Request(delete, token.Token)), delete, "not valid");
        Assert.DoesNotContain(await lab.ListApiTokensAsync(), t => t.Id == token.Info.Id);
        Assert.False(await lab.RevokeApiTokenAsync(token.Info.Id));
    }

    [Fact]
    public async Task RefusedCallsAreLimitedPerAddressLikeLoginAttemptsButValidOnesAreNot()
    {
        await using var ui = await ClientUi.StartAsync(web, port => $"http://127.0.0.1:{port}", "--Web:LoginAttemptsPerMinute", "3");
        await using var lab = LabClient.ForCluster(ui.App.Services.GetRequiredService<IClusterClient>());
        var token = await lab.CreateApiTokenAsync("rate limit");
        var list = new ApiRoutes.Route("GET", "/api/v1/sweeps");

        var refused = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            refused.Add((await ui.Http.SendAsync(Request(list, "mrl_guess" + i))).StatusCode);
        var valid = await ui.Http.SendAsync(Request(list, token.Token));

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
                      HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], refused);
        var limited = await ui.Http.SendAsync(Request(list, bearer: null));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("60", limited.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async Task TheTokenStoreKeepsOnlyHashesAndRefusesBadNames()
    {
        await using var ui = await ClientUi.StartAsync(web, port => $"http://127.0.0.1:{port}");
        await using var lab = LabClient.ForCluster(ui.App.Services.GetRequiredService<IClusterClient>());

        var token = await lab.CreateApiTokenAsync("  notebook  ");

        Assert.Matches("^mrl_[A-Za-z0-9_-]{43}$", token.Token);
        Assert.Equal("notebook", token.Info.Name);
        Assert.Equal(token.Token[..8], token.Info.Prefix);
        Assert.Equal(token.Info, await lab.FindApiTokenAsync(token.Token));
        Assert.Null(await lab.FindApiTokenAsync(token.Token + "x"));
        var blank = await Assert.ThrowsAsync<ArgumentException>(() => lab.CreateApiTokenAsync(" "));
        Assert.Contains("name must be 1 to 80 characters", blank.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => lab.CreateApiTokenAsync(new string('n', 81)));
    }

    private static HttpRequestMessage Request(ApiRoutes.Route route, string? bearer)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.Method), route.WithUnknownIds);
        if (bearer is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (route.Method == "POST")
            request.Content = route.Path.EndsWith("/sample")
                ? new StringContent("{\"prompt\":\"a\",\"length\":5}", System.Text.Encoding.UTF8, "application/json")
                : new StringContent("name: [", System.Text.Encoding.UTF8, "application/yaml");   // a bad file: nothing is stored
        return request;
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage answer, ApiRoutes.Route route, string reason)
    {
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.Unauthorized, $"{route.Method} {route.WithUnknownIds}: {(int)answer.StatusCode} {body}");
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", answer.Headers.WwwAuthenticate.ToString());
        Assert.Contains(reason, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
    }
}
