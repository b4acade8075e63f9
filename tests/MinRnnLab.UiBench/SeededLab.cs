using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;
using MinRnnLab.Storage;
using MinRnnLab.Tests.Shared;
using MinRnnLab.Web.Embedded;
using MinRnnLab.Web.Services;

namespace MinRnnLab.UiBench;

/// <summary>One sweep the benchmark opens: its id, its trials, and how many steps each run's curves hold.</summary>
public sealed record SeededSweep(string Name, string SweepId, TrialInfo[] Trials, int Steps);

/// <summary>
/// The web app as `dotnet run` starts it in Production (co-hosted silo, SQLite), on a data folder of its own, with
/// sweeps run by the no-op executor (they finish in seconds) whose long curves are then written straight into the
/// metrics store, as the web tests seed data: what real trainings would have left behind, without training.
/// </summary>
public sealed class SeededLab : IAsyncDisposable
{
    private readonly WebApplication app;

    private SeededLab(WebApplication app, string dataFolder, string baseUrl) => (this.app, DataFolder, BaseUrl) = (app, dataFolder, baseUrl);

    public string DataFolder { get; }
    public string BaseUrl { get; }
    public LabClient Lab => app.Services.GetRequiredService<LabClient>();
    public IServiceProvider Services => app.Services;

    /// <param name="mapExtra">Routes the benchmark adds beside the app's own (the plain library pages).</param>
    public static async Task<SeededLab> StartAsync(string dataFolder, Action<WebApplication> mapExtra)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var app = EmbeddedWebApp.Build(
        [
            "--urls", baseUrl, "--environment", "Production",
            "--Lab:DataFolder", dataFolder, "--Lab:Executor", "noop",
            .. Enumerable.Range(0, 8).SelectMany(i => new[] { $"--Lab:Devices:{i}", "cpu" }),
            "--Lab:SiloPort", FreePort.Next().ToString(), "--Lab:GatewayPort", FreePort.Next().ToString(),
            "--Logging:LogLevel:Default", "Warning",
        ]);
        mapExtra(app);
        await app.StartAsync();
        return new SeededLab(app, dataFolder, baseUrl);
    }

    /// <summary>
    /// A grid over the four architectures: <paramref name="runsPerArch"/> runs each, by seed, or by n_embd 32/48 × seed
    /// when <paramref name="twoWidths"/> (the 16-run sweep of issue 28: 4 architectures × n_embd {32, 48} × 2 seeds).
    /// </summary>
    public async Task<SeededSweep> SeedSweepAsync(string name, int seeds, bool twoWidths, int steps)
    {
        var yaml = $$"""
            name: {{name}}
            metric: {name: val_loss, goal: minimize, target: 1.6}
            method: grid
            base: {preset: tiny, max_iters: 100, eval_interval: 50}
            parameters:
              arch: {values: [{{string.Join(", ", SyntheticCurves.Archs)}}]}
            {{(twoWidths ? "  n_embd: {values: [32, 48]}" : "")}}
            seeds: {{seeds}}
            parallel: 16
            """;
        return await SeedFileAsync(name, yaml, steps);
    }

    /// <summary>Runs the sweep file by the no-op executor, then writes <paramref name="steps"/> steps of curves for each of its runs.</summary>
    public async Task<SeededSweep> SeedFileAsync(string name, string yaml, int steps)
    {
        var submitted = await Lab.SubmitSweepAsync(yaml, name + ".yaml");
        if (submitted.Errors.Length > 0)
            throw new InvalidOperationException($"sweep {name} refused: {string.Join("; ", submitted.Errors)}");
        var sweepId = submitted.Status!.SweepId;
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while ((await Lab.Sweep(sweepId).GetStatus())?.State != SweepState.Completed)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the no-op sweep {name} did not finish in 10 minutes");
            await Task.Delay(200);
        }
        var trials = await Lab.Sweep(sweepId).GetTrials() ?? [];
        await WriteCurvesAsync(trials, steps);
        // The first read rebuilds every run's stored thinned summary from its new points; a finished run's page reads
        // the summary, so this read is not what a reader waits for.
        await Lab.GetLossCurvesAsync(trials.Select(t => t.RunId).ToArray(), CurvePoints.SweepChart);
        return new SeededSweep(name, sweepId, trials, steps);
    }

    // Validation and training loss at every step: 200 runs × 5,000 steps is 2 M stored points.
    private async Task WriteCurvesAsync(IEnumerable<TrialInfo> trials, int steps)
    {
        var store = app.Services.GetRequiredService<IMetricsStore>();
        foreach (var trial in trials)
        {
            var arch = Math.Max(0, Array.IndexOf(SyntheticCurves.Archs, trial.Arch));
            var points = new List<(int, string, double)>(steps * 2);
            for (var step = 0; step < steps; step++)
            {
                points.Add((step, MetricNames.TrainLoss, SyntheticCurves.Loss(arch, trial.Index, step, train: true)));
                points.Add((step, MetricNames.ValLoss, SyntheticCurves.Loss(arch, trial.Index, step, train: false)));
            }
            await store.AppendAsync(trial.RunId, points);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
