using System.Diagnostics;
using Microsoft.Playwright;

namespace MinRnnLab.UiBench;

/// <summary>
/// The Runs page at 10,000 runs (issue 29): 20 random searches of 500 runs each (four architectures, a log-uniform
/// learning rate, three widths), each run with a short stored curve. Timed: the server's listing of every run (the
/// sweep grains' trials and the metrics store's last points), the page typed into a fresh browser until its table
/// and its chart are on screen, and a typed filter until the table and the chart show the runs it keeps.
/// </summary>
public static class RunsPageTimings
{
    public const int Sweeps = 20, RunsPerSweep = 500, Steps = 20;
    private const string Filter = "arch = mingru and learning_rate < 1e-3";

    /// <summary>Seeds the sweeps a kept data folder (--data) does not hold yet, completed.</summary>
    public static async Task SeedAsync(SeededLab lab)
    {
        var seeded = (await lab.Lab.ListSweepsAsync()).Where(s => s.State == MinRnnLab.Abstractions.SweepState.Completed).Select(s => s.Name).ToHashSet();
        for (var i = 0; i < Sweeps; i++)
        {
            var name = $"runs-{i:00}";
            if (seeded.Contains(name))
                continue;
            await lab.SeedFileAsync(name, $$"""
                name: {{name}}
                metric: {name: val_loss, goal: minimize, target: 1.6}
                method: random
                run_cap: {{RunsPerSweep}}
                base: {preset: tiny, max_iters: 100, eval_interval: 50}
                parameters:
                  arch: {values: [{{string.Join(", ", SyntheticCurves.Archs)}}]}
                  learning_rate: {distribution: log_uniform, min: 1e-4, max: 1e-2}
                  n_embd: {values: [32, 48, 64]}
                parallel: 16
                """, Steps);
            Console.WriteLine($"bench-ui: seeded {(i + 1) * RunsPerSweep:N0} runs");
        }
    }

    public static async Task MeasureAsync(SeededLab lab, Chromium chromium, int repeats, TimingReport report)
    {
        var caseName = $"Runs page, {Sweeps * RunsPerSweep:N0} runs";
        var (listing, load) = (new List<double>(), new List<double>());
        for (var i = 0; i < repeats; i++)
        {
            load.Add(TimingReport.LoadAverage());
            var clock = Stopwatch.StartNew();
            var rows = await lab.Lab.ListRunsAsync();
            listing.Add(clock.Elapsed.TotalMilliseconds);
            if (rows.Length != Sweeps * RunsPerSweep)
                throw new InvalidOperationException($"the listing has {rows.Length} runs, not {Sweeps * RunsPerSweep}");
        }
        report.Add(new Timing("Runs page", caseName, "server: list every run", listing, load));

        await AppTimings.MeasureColdAsync(chromium, lab.BaseUrl, new(caseName, "runs", "[data-testid=runs-row]", Chart: true), repeats, report);

        var (filteredTable, filtered, filterLoad) = (new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i < repeats; i++)
        {
            var (context, tab) = await chromium.FreshPageAsync();
            await tab.GotoAsync($"{lab.BaseUrl}/runs");
            await tab.WaitForSelectorAsync("[data-testid=runs-row]");
            await tab.WaitForSelectorAsync("#runs-loss[data-drawn=yes]", new() { Timeout = 180_000 });
            filterLoad.Add(TimingReport.LoadAverage());
            var total = await tab.GetAttributeAsync("[data-testid=runs-count]", "data-total");
            // The chart marks itself drawn again after its next draw: unmarked here, the mark is the filtered chart's.
            var started = await tab.EvaluateAsync<double>("() => { document.getElementById('runs-loss').dataset.drawn = 'no'; return performance.now(); }");
            await tab.Locator("[data-testid=runs-filter] input").FillAsync(Filter);
            // Each milestone is read in page time on the frame it is first seen: the table's count, then the chart drawn again.
            var table = await tab.WaitForFunctionAsync($"() => document.querySelector('[data-testid=runs-count]')?.dataset.matching !== '{total}' ? performance.now() : null",
                null, new() { Timeout = 180_000 });
            filteredTable.Add(await table.JsonValueAsync<double>() - started);
            var chart = await tab.WaitForFunctionAsync("() => document.getElementById('runs-loss')?.dataset.drawn === 'yes' ? performance.now() : null",
                null, new() { Timeout = 180_000 });
            filtered.Add(await chart.JsonValueAsync<double>() - started);
            await context.CloseAsync();
        }
        report.Add(new Timing("Runs page", caseName, $"filter typed ({Filter}) → table", filteredTable, filterLoad));
        report.Add(new Timing("Runs page", caseName, $"filter typed ({Filter}) → chart drawn", filtered, filterLoad));
    }
}
