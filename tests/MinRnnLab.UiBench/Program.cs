using System.Globalization;
using MinRnnLab.UiBench;

// `dotnet run -c Release --project tests/MinRnnLab.UiBench [-- --repeats 5] [--out docs/results/ui-speed] [--only libraries|app|trace|runs|cluster] [--data DIR]`
// (`--only cluster [--tabs 20] [--silos 4 --slots 64 --trials 1000 --steps 60]`: the sweep page in TABS tabs while
// `bench cluster` runs, by default at 4 silos × 64 slots; see ClusterWebLoad.cs)
// Starts the web app (Production, co-hosted silo) on a fresh data folder, seeds sweeps of 4, 16 and 200 runs with
// stored curves, drives Debian's headless Chromium, and prints and writes bench-ui.{json,csv,md} plus one traced cold
// sweep page; `--only runs` seeds 10,000 runs instead and times the Runs page (bench-ui-runs.*). Timings are medians
// of --repeats with min and max, each beside the load average it ran under. --data keeps the data folder: a second
// `--only runs` on it skips the seeding (minutes), so a quiet window is spent on timings only.
var repeats = 5;
var outFolder = Path.Combine("docs", "results", "ui-speed");
string? only = null;
string? keptData = null;                                                               // --data: seeded once, kept, reused
var tabs = 20;                                                                          // --only cluster: tabs on the sweep page
var cluster = new ClusterWebLoad.Shape(Silos: 4, Slots: 64, Trials: 1000, Steps: 60);   // --only cluster: the largest setting
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--repeats" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
            repeats = n; i++; break;
        case "--out" when i + 1 < args.Length:
            outFolder = args[++i]; break;
        case "--data" when i + 1 < args.Length:
            keptData = Path.GetFullPath(args[++i]); break;
        case "--tabs" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var t) && t > 0:
            tabs = t; i++; break;
        case "--silos" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var k) && k > 0:
            cluster = cluster with { Silos = k }; i++; break;
        case "--slots" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var d) && d > 0:
            cluster = cluster with { Slots = d }; i++; break;
        case "--trials" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var trials) && trials > 0:
            cluster = cluster with { Trials = trials }; i++; break;
        case "--steps" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var steps) && steps > 0:
            cluster = cluster with { Steps = steps }; i++; break;
        case "--only" when i + 1 < args.Length && args[i + 1] is "libraries" or "app" or "trace" or "runs" or "cluster":
            only = args[++i]; break;
        default:
            Console.Error.WriteLine($"bench-ui: unknown or incomplete argument '{args[i]}'. Usage: [--repeats N] [--out DIR] [--only libraries|app|trace|runs|cluster] [--tabs N] [--silos K --slots D --trials N --steps S] [--data DIR]");
            return 2;
    }
}

if (only is "cluster")                                                                  // the cluster benchmark's silos, not a seeded lab
    return await ClusterWebLoad.RunAsync(args.Contains("--out") ? outFolder : Path.Combine("docs", "results", "cluster-scale", "web-under-load"),
        tabs, cluster);

var dataFolder = keptData ?? Path.Combine(Path.GetTempPath(), "minrnn-ui-bench", Guid.NewGuid().ToString("N"));
var machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, headless Debian Chromium; taken {DateTimeOffset.UtcNow:u}";
var report = new TimingReport(machine,
    $"Medians of {repeats} with min–max; load is the 1-minute load average when each repeat started. Cold: a fresh browser " +
    "context per repeat (empty cache, new circuit). Other work on the machine (builds of other branches) slows every figure: " +
    "compare rows of one sitting as ratios.");
try
{
    await using var lab = await SeededLab.StartAsync(dataFolder, LibraryPages.Map);
    await using var chromium = await Chromium.LaunchAsync();
    Console.WriteLine($"bench-ui: app at {lab.BaseUrl}, data in {dataFolder}, {repeats} repeats, load {TimingReport.LoadAverage():F1}");

    if (only is "runs")
    {
        Console.WriteLine($"bench-ui: seeding {RunsPageTimings.Sweeps * RunsPageTimings.RunsPerSweep:N0} runs (no-op runs, curves written to the metrics store)…");
        await RunsPageTimings.SeedAsync(lab);
        await RunsPageTimings.MeasureAsync(lab, chromium, repeats, report);
        foreach (var file in report.WriteAll(outFolder, "bench-ui-runs"))
            Console.WriteLine($"wrote {file}");
        return 0;
    }
    if (only is null or "libraries")
        await LibraryTimings.MeasureAsync(chromium, lab.BaseUrl, repeats, report);
    if (only is null or "app" or "trace")
    {
        Console.WriteLine("bench-ui: seeding sweeps (no-op runs, curves written to the metrics store)…");
        var small = await lab.SeedSweepAsync("ui-4-runs", seeds: 1, twoWidths: false, steps: 500);
        var medium = await lab.SeedSweepAsync("ui-16-runs", seeds: 2, twoWidths: true, steps: 500);
        var large = await lab.SeedSweepAsync("ui-200-runs", seeds: 50, twoWidths: false, steps: 5000);
        if (only is null or "app")
        {
            foreach (var sweep in new[] { small, medium, large })
            {
                await AppTimings.MeasureColdAsync(chromium, lab.BaseUrl, AppTimings.SweepPage(sweep), repeats, report);
                await AppTimings.MeasureInAppAsync(chromium, lab.BaseUrl, sweep, repeats, report);
            }
            var run = medium.Trials[0];
            await AppTimings.MeasureColdAsync(chromium, lab.BaseUrl,
                new("run page (500 steps)", $"sweeps/{medium.SweepId}/runs/{run.Index}", "[data-testid=run-status] tr", Chart: true), repeats, report);
            await AppTimings.MeasureColdAsync(chromium, lab.BaseUrl,
                new("Compare of 8 runs", "compare?runs=" + string.Join(",", medium.Trials.Take(8).Select(t => Uri.EscapeDataString(t.RunId))),
                    "[data-testid=compare-summary] tr", Chart: true), repeats, report);
            await AppTimings.MeasureColdAsync(chromium, lab.BaseUrl, new("Overview", "", "[data-testid=silos] tbody tr", Chart: false), repeats, report);
            await AppTimings.MeasureColdAsync(chromium, lab.BaseUrl, new("Sweeps list", "sweeps", "[data-testid=sweep-row]", Chart: false), repeats, report);
        }
        if (report.Timings.Count > 0)
            foreach (var file in report.WriteAll(outFolder))
                Console.WriteLine($"wrote {file}");
        foreach (var inApp in new[] { false, true })
            foreach (var file in await ColdPageTrace.TraceAsync(chromium, lab.BaseUrl, medium, outFolder, inApp))
                Console.WriteLine($"wrote {file}");
    }
    else if (report.Timings.Count > 0)
        foreach (var file in report.WriteAll(outFolder))
            Console.WriteLine($"wrote {file}");
    return 0;
}
finally
{
    if (keptData is null)
        try { Directory.Delete(dataFolder, recursive: true); } catch (IOException) { }
}
