using System.Net;
using System.Text;
using System.Text.Json;
using MinRnnLab.Web.Tests.EndToEnd;

namespace MinRnnLab.Web.Tests.Api;

/// <summary>
/// Every route of /api/v1 through HttpClient against the real app in-process (co-hosted silo training for real), on
/// localhost without a login, so no token is asked for (ApiTokenTests covers the app with one).
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ApiEndpointTests(WebAppFixture web) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = new Uri(web.BaseUrl) };

    [Fact]
    public async Task ASweepSubmittedOverHttpIsReadBackWithItsRunsMetricsAndFiles()
    {
        var sweepId = await ApiSweeps.SubmitAsync(http, ApiSweeps.Tiny, "api-tiny.yaml");
        await ApiSweeps.WaitUntilCompletedAsync(web, sweepId);
        var sweep = $"/api/v1/sweeps/{sweepId}";

        var list = await ApiSweeps.GetJsonAsync(http, "/api/v1/sweeps");
        Assert.Contains(list.EnumerateArray(), s => s.GetProperty("sweepId").GetString() == sweepId);
        var status = await ApiSweeps.GetJsonAsync(http, sweep);
        Assert.Equal("Completed", status.GetProperty("state").GetString());
        Assert.Equal(2, status.GetProperty("runsByState").GetProperty("Succeeded").GetInt32());
        Assert.Equal(ApiSweeps.Tiny, await http.GetStringAsync($"{sweep}/file"));
        Assert.Equal(0, (await ApiSweeps.GetJsonAsync(http, $"{sweep}/plan")).GetProperty("notStarted").GetInt32());

        var runs = (await ApiSweeps.GetJsonAsync(http, $"{sweep}/runs")).EnumerateArray().ToList();
        Assert.Equal([$"{sweepId}/0", $"{sweepId}/1"], runs.Select(r => r.GetProperty("runId").GetString()));
        Assert.All(runs, r => Assert.Equal("Succeeded", r.GetProperty("state").GetString()));
        var run = $"{sweep}/runs/0";
        var details = await ApiSweeps.GetJsonAsync(http, run);
        Assert.Equal(16, details.GetProperty("config").GetProperty("model").GetProperty("n_embd").GetInt32());

        // The metric points, as JSON and as CSV, are the run's stored points; the best is the runs listing's.
        var points = (await ApiSweeps.GetJsonAsync(http, $"{run}/metrics?name=val_loss")).EnumerateArray().ToList();
        Assert.Equal([0, 5, 10], points.Select(p => p.GetProperty("step").GetInt32()));
        Assert.Equal(runs[0].GetProperty("bestMetric").GetDouble(), points.Min(p => p.GetProperty("value").GetDouble()));
        var csv = await http.GetAsync($"{run}/metrics.csv?name=val_loss");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimEnd().Split('\n');
        Assert.Equal("step,name,value", lines[0]);
        Assert.Equal(points.Select(p => $"{p.GetProperty("step").GetInt32()},val_loss,{p.GetProperty("value").GetDouble():R}"), lines.Skip(1));
        Assert.Contains((await ApiSweeps.GetJsonAsync(http, $"{run}/metrics")).EnumerateArray(), p => p.GetProperty("name").GetString() == "train_loss");

        Assert.Equal("Succeeded", (await ApiSweeps.GetJsonAsync(http, $"{run}/attempts"))[0].GetProperty("outcome").GetString());
        Assert.Contains((await ApiSweeps.GetJsonAsync(http, $"{run}/checkpoints")).EnumerateArray(), c => c.GetProperty("step").GetInt32() == 10);
        Assert.NotEmpty((await ApiSweeps.GetJsonAsync(http, $"{run}/log?lines=20")).EnumerateArray());
        var sample = await ApiSweeps.PostJsonAsync(http, $"{run}/sample", new { prompt = "ROMEO:", length = 20, temperature = 0.8, topK = 50, seed = 1 });
        Assert.StartsWith("ROMEO:", sample.GetProperty("text").GetString());

        // Two trials are below importance's minimum: no bars, and the reason.
        var importance = await ApiSweeps.GetJsonAsync(http, $"{sweep}/importance");
        Assert.Empty(importance.GetProperty("parameters").EnumerateArray());
        Assert.Contains("importance needs at least 8", importance.GetProperty("reason").GetString());
        var results = await http.GetStringAsync($"{sweep}/export/results.csv");
        Assert.Equal(3, results.TrimEnd().Split('\n').Length);
        Assert.Contains("## Hyperparameter importance", await http.GetStringAsync($"{sweep}/export/report.md"));

        Assert.NotEmpty((await ApiSweeps.GetJsonAsync(http, "/api/v1/cluster")).GetProperty("silos").EnumerateArray());
        Assert.True((await ApiSweeps.GetJsonAsync(http, "/api/v1/benchmarks")).TryGetProperty("saved", out _));
    }

    [Fact]
    public async Task EveryRunIsListedFilteredAndSortedAsOnTheRunsPage()
    {
        var sweepId = await ApiSweeps.SubmitAsync(http, ApiSweeps.Tiny, "api-runs.yaml");
        await ApiSweeps.WaitUntilCompletedAsync(web, sweepId);
        var mine = Uri.EscapeDataString($"\"{sweepId}\"");                             // a quoted bare word: runs whose id holds it

        var runs = (await ApiSweeps.GetJsonAsync(http, $"/api/v1/runs?q={mine}&sort=best&desc=true")).EnumerateArray().ToList();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal((sweepId, "mingru", "Succeeded"),
            (r.GetProperty("sweepId").GetString(), r.GetProperty("arch").GetString(), r.GetProperty("state").GetString())));
        var best = runs.Select(r => r.GetProperty("bestMetric").GetDouble()).ToList();
        Assert.Equal(best.OrderDescending(), best);
        var trials = (await web.Lab.Sweep(sweepId).GetTrials())!;
        Assert.Equal(trials.Select(t => t.BestMetric!.Value).OrderDescending(), best);
        // The final loss is the run's last stored evaluation, read from the metrics store.
        var last = (await ApiSweeps.GetJsonAsync(http, $"/api/v1/sweeps/{sweepId}/runs/{runs[0].GetProperty("runId").GetString()![(sweepId.Length + 1)..]}/metrics?name=val_loss"))
            .EnumerateArray().Last().GetProperty("value").GetDouble();
        Assert.Equal(last, runs[0].GetProperty("finalValLoss").GetDouble());

        var narrowed = await ApiSweeps.GetJsonAsync(http, $"/api/v1/runs?q={mine}%20and%20seed%20%3D%201");
        Assert.Equal([$"{sweepId}/{trials.Single(t => t.SeedIndex == 1).Index}"], narrowed.EnumerateArray().Select(r => r.GetProperty("runId").GetString()));
        Assert.Single((await ApiSweeps.GetJsonAsync(http, $"/api/v1/runs?q={mine}&limit=1&offset=1")).EnumerateArray());

        foreach (var (query, says) in new[] { ("q=lr%20%3C%201", "no column 'lr'"), ("sort=nope", "no column 'nope'"), ("limit=0", "?limit= is 1 to") })
        {
            var refused = await http.GetAsync($"/api/v1/runs?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains(says, await refused.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task ASweepIsPausedResumedAndCancelledOverHttp()
    {
        var sweep = $"/api/v1/sweeps/{await ApiSweeps.SubmitAsync(http, ApiSweeps.Long, "api-long.yaml")}";

        Assert.Equal("Paused", (await ApiSweeps.PostJsonAsync(http, $"{sweep}/pause")).GetProperty("state").GetString());
        Assert.Equal("Running", (await ApiSweeps.PostJsonAsync(http, $"{sweep}/resume")).GetProperty("state").GetString());
        Assert.Equal("Cancelled", (await ApiSweeps.PostJsonAsync(http, $"{sweep}/cancel")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task AnotherSitesPageCannotCallTheApiThroughTheBrowser()
    {
        var sweepId = await ApiSweeps.SubmitAsync(http, ApiSweeps.Long, "api-cross-site.yaml");
        var crossSite = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sweeps/{sweepId}/cancel");
        crossSite.Headers.Add("Origin", "http://evil.example");
        var sameSite = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sweeps/{sweepId}/cancel");
        sameSite.Headers.Add("Origin", web.BaseUrl);

        var refused = await http.SendAsync(crossSite);
        var stateAfterRefusal = (await web.Lab.Sweep(sweepId).GetStatus())!.State;
        var taken = await http.SendAsync(sameSite);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("http://evil.example", await refused.Content.ReadAsStringAsync());
        Assert.NotEqual(MinRnnLab.Abstractions.SweepState.Cancelled, stateAfterRefusal);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
    }

    [Fact]
    public async Task ABadSweepFileIs422WithEveryErrorAtItsLineAndColumnAndNothingIsStored()
    {
        var before = (await ApiSweeps.GetJsonAsync(http, "/api/v1/sweeps")).GetArrayLength();

        var answer = await http.PostAsync("/api/v1/sweeps?file=bad.yaml",
            new StringContent("name: bad\nmetric: {name: val_loss}\nmethod: grid\nparameters:\n  lerning_rate: {values: [1e-3]}\n", Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("bad.yaml", error.GetProperty("file").GetString());
        Assert.Equal(5, error.GetProperty("line").GetInt32());
        Assert.Equal(3, error.GetProperty("column").GetInt32());
        Assert.Contains("learning_rate", error.GetProperty("message").GetString());
        Assert.Equal(before, (await ApiSweeps.GetJsonAsync(http, "/api/v1/sweeps")).GetArrayLength());

        var tooLarge = await http.PostAsync("/api/v1/sweeps", new StringContent(new string('#', 300_000), Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        var badName = await http.PostAsync("/api/v1/sweeps?file=..%2Fx.yaml", new StringContent("name: x", Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/sweeps/nope", "no sweep 'nope'")]
    [InlineData("GET", "/api/v1/sweeps/nope/file", "no sweep 'nope'")]
    [InlineData("GET", "/api/v1/sweeps/nope/plan", "no sweep 'nope'")]
    [InlineData("GET", "/api/v1/sweeps/nope/runs", "no sweep 'nope'")]
    [InlineData("GET", "/api/v1/sweeps/nope/importance", "no sweep 'nope'")]
    [InlineData("GET", "/api/v1/sweeps/nope/export/results.csv", "no sweep 'nope'")]
    [InlineData("GET", "/api/v1/sweeps/nope/export/secrets.txt", "there is no 'secrets.txt'")]
    [InlineData("POST", "/api/v1/sweeps/nope/pause", "no sweep 'nope'")]
    [InlineData("POST", "/api/v1/sweeps/nope/resume", "no sweep 'nope'")]
    [InlineData("POST", "/api/v1/sweeps/nope/cancel", "no sweep 'nope'")]
    [InlineData("GET", "/api/v1/sweeps/nope/runs/3", "no run 'nope/3'")]
    [InlineData("GET", "/api/v1/sweeps/nope/runs/3/metrics", "no run 'nope/3'")]
    [InlineData("GET", "/api/v1/sweeps/nope/runs/3/metrics.csv", "no run 'nope/3'")]
    [InlineData("GET", "/api/v1/sweeps/nope/runs/3/attempts", "no run 'nope/3'")]
    [InlineData("GET", "/api/v1/sweeps/nope/runs/3/checkpoints", "no run 'nope/3'")]
    [InlineData("GET", "/api/v1/sweeps/nope/runs/3/log", "no run 'nope/3'")]
    [InlineData("GET", "/api/v1/benchmarks/nope.json", "no saved benchmark 'nope.json'")]
    [InlineData("GET", "/api/v1/nothing-here", null)]
    public async Task AnUnknownIdIsA404ProblemThatNamesIt(string method, string path, string? detail)
    {
        var answer = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        if (detail is null)
            return;                                                                    // no route: no page either, an empty 404
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryRouteAndTheReferencePageReadsIt()
    {
        var document = await ApiSweeps.GetJsonAsync(http, "/api/v1/openapi.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();

        foreach (var route in ApiRoutes.All(web.Services))
            Assert.Contains(route.Path, paths);
        Assert.Contains("/api/v1/sweeps/{sweepId}/runs/{index}/metrics.csv", paths);
        var page = await http.GetStringAsync("/api/v1/reference");
        Assert.Contains("fetch('openapi.json'", page);
        Assert.DoesNotContain("https://", page);                                       // nothing from a CDN
    }

    public void Dispose() => http.Dispose();
}
