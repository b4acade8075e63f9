using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MinRnnLab.Abstractions;
using MinRnnLab.Storage;
using MinRnnLab.Config;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>Each export downloaded from the sweep page in Chromium, parsed, and held against the metrics store.</summary>
[Collection(WebAppCollection.Name)]
public class SweepExportTests(WebAppFixture web)
{
    // Two architectures × two seeds of a 16-wide model, 10 steps each: seconds on a CPU, evaluated three times per run.
    private const string SeededSweep = """
        name: e2e-export
        metric: {name: val_loss, goal: minimize, target: 4.1}
        method: grid
        base: {preset: tiny, max_iters: 10, eval_interval: 5, n_embd: 16, block_size: 16, eval_iters: 2}
        parameters:
          arch: {values: [transformer, mingru]}
        seeds: 2
        parallel: 2
        max_restarts: 1
        checkpoint_interval: 10
        tags: [e2e, export-check]
        notes: |
          exported, with a note
        """;

    [Fact]
    public async Task EveryExportDownloadsFromTheSweepPageAndMatchesTheMetricsStore()
    {
        var submitted = await web.Lab.SubmitSweepAsync(SeededSweep, "e2e-export.yaml");
        var sweepId = submitted.Status?.SweepId ?? throw new InvalidOperationException(string.Join("; ", submitted.Errors));
        var labelled = await CompletedTrialsAsync(sweepId);
        var runLabels = await web.Lab.Run(labelled[0].RunId).EditLabels(new LabelEdit(AddTags: ["keeper"], Notes: "the one to keep", Name: "first"));
        Assert.Equal(["keeper"], runLabels!.Tags);
        var trials = (await web.Lab.Sweep(sweepId).GetTrials())!.OrderBy(t => t.Index).ToArray();   // the run's labels reach its trial row
        Assert.Equal("first", trials[0].Labels.Name);
        var store = web.Services.GetRequiredService<IMetricsStore>();
        var stored = new Dictionary<string, IReadOnlyList<StoredMetric>>();
        foreach (var trial in trials)
            stored[trial.RunId] = await store.ReadAsync(trial.RunId);

        var page = await web.NewPageAsync();
        await page.GotoAsync($"{web.BaseUrl}/sweeps/{sweepId}");
        await Assertions.Expect(page.Locator("[data-testid=seed-row]")).ToHaveCountAsync(2);

        // results.csv: one row per trial, its losses as the store has them.
        var results = Csv(await DownloadAsync(page, "results.csv"));
        Assert.Equal(["run_id", "trial", "arch", "seed_index", "state", "metric", "best_metric", "best_step", "final_val_loss", "steps_to_target", "training_seconds",
                "name", "tags", "notes"], results[0]);
        Assert.Equal(["first", "keeper", "the one to keep"], results.Single(r => r[0] == trials[0].RunId)[11..14]);
        Assert.Equal(trials.Length, results.Count - 1);
        foreach (var row in results.Skip(1))
        {
            var trial = trials.Single(t => t.RunId == row[0]);
            var val = stored[trial.RunId].Where(m => m.Name == MetricNames.ValLoss).OrderBy(m => m.Step).ToList();
            Assert.Equal(trial.Arch, row[2]);
            Assert.Equal(("succeeded", MetricNames.ValLoss), (row[4], row[5]));
            Assert.Equal(val.Min(m => m.Value), Number(row[6]));
            Assert.Equal(val[^1].Value, Number(row[8]));
        }

        // results.json: the same trials, and seed statistics over both seeds of each architecture.
        using var json = JsonDocument.Parse(await DownloadAsync(page, "results.json"));
        Assert.Equal(sweepId, json.RootElement.GetProperty("sweep").GetProperty("sweep_id").GetString());
        Assert.Equal(["e2e", "export-check"], json.RootElement.GetProperty("sweep").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("exported, with a note", json.RootElement.GetProperty("sweep").GetProperty("notes").GetString());
        Assert.Equal("first", json.RootElement.GetProperty("trials")[0].GetProperty("name").GetString());
        Assert.Equal(trials.Length, json.RootElement.GetProperty("trials").GetArrayLength());
        var architectures = json.RootElement.GetProperty("architectures").EnumerateArray().ToList();
        Assert.Equal(["mingru", "transformer"], architectures.Select(a => a.GetProperty("arch").GetString()));
        foreach (var arch in architectures)
        {
            var best = trials.Where(t => t.Arch == arch.GetProperty("arch").GetString()).Select(t => t.BestMetric!.Value).ToList();
            Assert.Equal(2, arch.GetProperty("runs").GetInt32());
            Assert.Equal(best.Average(), arch.GetProperty("best_metric").GetProperty("mean").GetDouble(), 12);
            Assert.True(arch.GetProperty("best_metric").GetProperty("std").GetDouble() >= 0);
        }

        // curves.csv: every stored point of every run, in long format, with the training time at its step.
        var curves = Csv(await DownloadAsync(page, "curves.csv"));
        Assert.Equal(["run_id", "arch", "seed_index", "step", "metric", "value", "training_seconds"], curves[0]);
        var points = stored.Values.SelectMany(s => s).Where(m => m.Name is not (MetricNames.WallSeconds or MetricNames.Parameters)).ToList();
        Assert.Equal(points.Count, curves.Count - 1);
        foreach (var point in points)
        {
            var row = curves.Single(r => r[0] == point.RunId && r[3] == point.Step.ToString(CultureInfo.InvariantCulture) && r[4] == point.Name);
            Assert.Equal(point.Value, Number(row[5]));
            Assert.Equal(trials.Single(t => t.RunId == point.RunId).SeedIndex.ToString(CultureInfo.InvariantCulture), row[2]);
        }
        foreach (var run in curves.Skip(1).Where(r => r[4] == MetricNames.ValLoss).GroupBy(r => r[0]))
        {
            var seconds = run.Select(r => Number(r[6])).ToList();                    // every evaluation says when it happened
            Assert.Equal(seconds.Order(), seconds);
        }

        var report = await DownloadAsync(page, "report.md");
        Assert.StartsWith("# Sweep e2e-export", report);
        Assert.Contains("## Seed statistics per architecture", report);
        Assert.Contains("- tags: `e2e`, `export-check`", report);
        Assert.Contains("exported, with a note", report);
        Assert.Contains($"| {trials[0].RunId} | first | keeper | the one to keep |", report);
        Assert.All(trials, t => Assert.Contains($"| {t.RunId} |", report));

        var figure = await DownloadAsync(page, "curves.svg");
        Assert.StartsWith("<svg", figure);
        Assert.Equal(trials.Length, figure.Split("<polyline").Length - 1);

        // The curve chart saves the figure it draws, as PNG and SVG (its own SVG writer: uPlot draws on a canvas).
        await Assertions.Expect(page.Locator("[data-testid=curve-chart][data-drawn=yes]").First).ToBeAttachedAsync();   // the loss chart (metric panels follow)
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('script[src*=plotly]').length"));  // not yet scrolled to
        await page.Locator("[data-testid=parameter-coordinates] [data-testid=when-visible]").ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(page.Locator("#sweep-parameters .main-svg").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "sweep-export.png"), FullPage = true });
        var buttons = await page.Locator("[data-testid$=-image]").First.GetAttributeAsync("data-testid");
        var chartId = buttons![..^"-image".Length];                                    // sweep-bands: two seeds per architecture
        var png = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync($"[data-testid={chartId}-png]"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes((await png.PathAsync())!)[..4]);
        var svg = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync($"[data-testid={chartId}-svg]"));
        var drawn = File.ReadAllText((await svg.PathAsync())!);
        Assert.StartsWith("<svg", drawn);
        // Every line the chart shows is in the figure, and each seed band is a filled area.
        var shown = await DrawnCurves.WaitForAsync(page, chartId);
        var lines = shown.GetProperty("series").EnumerateArray().Count(s => s.GetProperty("shown").GetBoolean());
        Assert.True(lines > 0);
        Assert.Equal(lines, drawn.Split("<polyline").Length - 1);
        Assert.Equal(shown.GetProperty("bands").GetInt32(), drawn.Split("<polygon").Length - 1);
        // The parallel coordinates stay on Plotly, and save through it.
        var coordinates = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=sweep-parameters-svg]"));
        Assert.StartsWith("<svg", File.ReadAllText((await coordinates.PathAsync())!));

        // A link to the bands under the toolbar's settings reproduces them, and on a phone keeps 300 px of plot.
        var phone = await web.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        phone.SetDefaultTimeout(WebAppFixture.PatienceMs);
        await phone.GotoAsync($"{web.BaseUrl}/sweeps/{sweepId}?curves=bands&smooth=0.5&y=linear&x=time&ymin=2&ymax=6");
        await DrawnCurves.WaitForAsync(phone, "sweep-bands",
            "c => c.bands > 0 && !c.logY && c.xTitle === 'training time (s)' && c.yRange[0] === 2 && c.yRange[1] === 6 && c.width >= 300");
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "the sweep page scrolls sideways at 390 px");
        await phone.CloseAsync();
    }

    [Fact]
    public async Task AnUnknownSweepOrFileIsA404ThatSaysWhatIsMissing()
    {
        using var http = new HttpClient { BaseAddress = new Uri(web.BaseUrl) };

        var sweep = await http.GetAsync("/sweeps/no-such-sweep/export/results.csv");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, sweep.StatusCode);
        Assert.Equal("no sweep 'no-such-sweep'", (await sweep.Content.ReadAsStringAsync()).Trim());

        var file = await http.GetAsync("/sweeps/no-such-sweep/export/weights.bin");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, file.StatusCode);
        Assert.Contains("there is no 'weights.bin'", await file.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DownloadsNeedTheLoginThePagesNeed()
    {
        await using var ui = await ClientUi.StartAsync(web, port => $"http://127.0.0.1:{port}");

        var anonymous = await ui.Http.GetAsync("/sweeps/no-such-sweep/export/curves.csv");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/login", anonymous.Headers.Location!.PathAndQuery);

        await ui.LogInAsync(ClientUi.Secret, returnUrl: "/");
        var known = await ui.Http.GetAsync("/sweeps/no-such-sweep/export/curves.csv");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, known.StatusCode);              // past the login: the sweep is what is missing
        Assert.Contains("no sweep 'no-such-sweep'", await known.Content.ReadAsStringAsync());
    }

    private async Task<TrialInfo[]> CompletedTrialsAsync(string sweepId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);                                  // four tiny runs; a loaded machine is slow
        while ((await web.Lab.Sweep(sweepId).GetStatus())?.State != SweepState.Completed)
        {
            Assert.True(DateTime.UtcNow < deadline, $"sweep {sweepId} did not complete in 5 minutes");
            await Task.Delay(500);
        }
        return (await web.Lab.Sweep(sweepId).GetTrials())!.OrderBy(t => t.Index).ToArray();
    }

    private static async Task<string> DownloadAsync(IPage page, string file)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync($"[data-testid='download-{file}']"));
        Assert.EndsWith(file, download.SuggestedFilename);
        return await File.ReadAllTextAsync((await download.PathAsync())!);
    }

    // The exports quote no cell of these sweeps (ids, names and numbers have no commas).
    private static List<string[]> Csv(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r').Split(',')).ToList();

    private static double Number(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);
}
