using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MinRnnLab.Web.Tests.EndToEnd;

namespace MinRnnLab.Web.Tests.Api;

/// <summary>
/// The routes that change a sweep's or run's labels and delete them, through HttpClient against the real app
/// (co-hosted silo training for real), on localhost without a login; ApiTokenTests calls every route with and without
/// a token, and with a revoked one.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ApiDeleteAndLabelsTests(WebAppFixture web) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = new Uri(web.BaseUrl) };

    [Fact]
    public async Task TagsNotesAndNamesAreEditedAndARunThenItsSweepAreDeletedOverHttp()
    {
        var sweepId = await ApiSweeps.SubmitAsync(http, ApiSweeps.Tiny.Replace("name: api-tiny", "name: api-delete"), "api-delete.yaml");
        await ApiSweeps.WaitUntilCompletedAsync(web, sweepId);
        var (sweep, run) = ($"/api/v1/sweeps/{sweepId}", $"/api/v1/sweeps/{sweepId}/runs/0");

        Assert.Equal(["a", "b"], Tags(await SendAsync(HttpMethod.Put, $"{sweep}/tags", new[] { "a", "b" })));
        Assert.Equal(["b", "c"], Tags(await SendAsync(HttpMethod.Put, $"{sweep}/tags", new[] { "b", "c" })));
        var patched = await SendAsync(HttpMethod.Patch, $"{sweep}/labels", new { addTags = new[] { "d" }, removeTags = new[] { "b" }, notes = "from http" });
        Assert.Equal(["c", "d"], Tags(patched));
        Assert.Equal("from http", patched.GetProperty("notes").GetString());
        Assert.Equal("Renamed", (await SendAsync(HttpMethod.Put, $"{sweep}/name", new { name = "Renamed" })).GetProperty("name").GetString());
        Assert.Equal("Renamed", (await web.Lab.Sweep(sweepId).GetStatus())!.Labels.Name);
        Assert.Equal("run notes", (await SendAsync(HttpMethod.Put, $"{run}/notes", new { notes = "run notes" })).GetProperty("notes").GetString());
        Assert.Equal(["keep"], Tags(await SendAsync(HttpMethod.Put, $"{run}/tags", new[] { "keep" })));
        Assert.Equal("run notes", (await web.Lab.Run($"{sweepId}/0").GetStatus())!.Labels.Notes);

        var badTag = await http.PutAsJsonAsync($"{sweep}/tags", new[] { "two words" });
        Assert.Equal(HttpStatusCode.BadRequest, badTag.StatusCode);
        Assert.Contains("tag 'two words'", await badTag.Content.ReadAsStringAsync());

        var runDeleted = await SendAsync(HttpMethod.Delete, run);
        Assert.Equal(1, runDeleted.GetProperty("runs").GetInt32());
        Assert.True(runDeleted.GetProperty("bytesFreed").GetInt64() > 0);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(run)).StatusCode);
        Assert.Single((await ApiSweeps.GetJsonAsync(http, $"{sweep}/runs")).EnumerateArray());

        var sweepDeleted = await SendAsync(HttpMethod.Delete, sweep);
        Assert.Equal((sweepId, 1), (sweepDeleted.GetProperty("id").GetString(), sweepDeleted.GetProperty("runs").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(sweep)).StatusCode);
        Assert.DoesNotContain((await ApiSweeps.GetJsonAsync(http, "/api/v1/sweeps")).EnumerateArray(), s => s.GetProperty("sweepId").GetString() == sweepId);
        var twice = await http.DeleteAsync(sweep);
        Assert.Equal(HttpStatusCode.NotFound, twice.StatusCode);
        Assert.Contains($"no sweep '{sweepId}'", await twice.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("DELETE", "/api/v1/sweeps/nope", "no sweep 'nope'")]
    [InlineData("DELETE", "/api/v1/sweeps/nope/runs/3", "no run 'nope/3'")]
    [InlineData("PATCH", "/api/v1/sweeps/nope/labels", "no sweep 'nope'")]
    [InlineData("PUT", "/api/v1/sweeps/nope/tags", "no sweep 'nope'")]
    [InlineData("PUT", "/api/v1/sweeps/nope/notes", "no sweep 'nope'")]
    [InlineData("PUT", "/api/v1/sweeps/nope/name", "no sweep 'nope'")]
    [InlineData("PATCH", "/api/v1/sweeps/nope/runs/3/labels", "no run 'nope/3'")]
    [InlineData("PUT", "/api/v1/sweeps/nope/runs/3/tags", "no run 'nope/3'")]
    [InlineData("PUT", "/api/v1/sweeps/nope/runs/3/notes", "no run 'nope/3'")]
    [InlineData("PUT", "/api/v1/sweeps/nope/runs/3/name", "no run 'nope/3'")]
    public async Task AnUnknownSweepOrRunIsA404ProblemThatNamesIt(string method, string path, string detail)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "DELETE")
            request.Content = JsonContent.Create<object>(path.EndsWith("/tags") ? new[] { "x" } : new { notes = "x", name = "x" });

        var answer = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }

    private static string[] Tags(JsonElement labels) => [.. labels.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)];

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: ApiSweeps.Json) };
        var answer = await http.SendAsync(request);
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, $"{method} {path}: {(int)answer.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public void Dispose() => http.Dispose();
}
