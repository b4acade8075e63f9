using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MinRnnLab.Abstractions;
using MinRnnLab.Web.Tests.EndToEnd;

namespace MinRnnLab.Web.Tests.Api;

/// <summary>Sweeps the API tests submit through the API itself, and waiting for them.</summary>
internal static class ApiSweeps
{
    /// <summary>One architecture, two seeds of a 16-wide model, 10 steps: seconds on a CPU, with a checkpoint to sample from.</summary>
    public const string Tiny = """
        name: api-tiny
        metric: {name: val_loss, goal: minimize, target: 4.1}
        method: grid
        base: {preset: tiny, max_iters: 10, eval_interval: 5, n_embd: 16, block_size: 16, eval_iters: 2}
        parameters:
          arch: {values: [mingru]}
        seeds: 2
        parallel: 2
        checkpoint_interval: 10
        """;

    /// <summary>Long enough that it is still running when paused, resumed and cancelled.</summary>
    public const string Long = """
        name: api-long
        metric: {name: val_loss}
        method: grid
        base: {preset: tiny, max_iters: 100000, eval_interval: 50, n_embd: 16, block_size: 16, eval_iters: 2}
        parameters:
          arch: {values: [mingru, minlstm, transformer]}
        parallel: 1
        """;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<string> SubmitAsync(HttpClient http, string yaml, string file)
    {
        var answer = await http.PostAsync($"/api/v1/sweeps?file={file}", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == System.Net.HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("sweepId").GetString()!;
    }

    public static async Task WaitUntilCompletedAsync(WebAppFixture web, string sweepId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);                                  // tiny runs; a loaded machine is slow
        while ((await web.Lab.Sweep(sweepId).GetStatus())?.State != SweepState.Completed)
        {
            Assert.True(DateTime.UtcNow < deadline, $"sweep {sweepId} did not complete in 5 minutes");
            await Task.Delay(500);
        }
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        var answer = await http.GetAsync(path);
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, $"GET {path}: {(int)answer.StatusCode} {body}");
        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    public static async Task<JsonElement> PostJsonAsync(HttpClient http, string path, object? body = null)
    {
        var answer = body is null ? await http.PostAsync(path, null) : await http.PostAsJsonAsync(path, body, Json);
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, $"POST {path}: {(int)answer.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
