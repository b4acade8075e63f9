using MinRnnLab.Cli.Benchmarks.Cluster;
using MinRnnLab.Training.Benchmarks;

namespace MinRnnLab.UiBench;

/// <summary>
/// `--only cluster` (issue 30 item 4): the cluster benchmark at its largest setting (4 silo processes × 64 slots on a
/// private PostgreSQL, one 1,000-trial sweep, no churn) with the web app joined as a client and TABS Chromium tabs on
/// the sweep's page. Trials take 60 steps of 1 s (1,000 of them hold 256 slots about 4 minutes), so runs stay on the
/// page's "Running now" table long enough to watch. Smaller shapes (Program's --silos, --slots, --trials, --steps) show
/// the web's own delay where 2 cores keep up with the cluster, which the largest setting does not (docs/scale.md).
/// Writes web-under-load.{json,csv,md} and the benchmark's own row to cluster.{json,csv,md}.
/// </summary>
public static class ClusterWebLoad
{
    /// <summary>The cluster under the tabs: silo processes, slots per silo, trials in the one sweep, 1 s steps per trial.</summary>
    public sealed record Shape(int Silos, int Slots, int Trials, int Steps);

    public static async Task<int> RunAsync(string outFolder, int tabs, Shape shape)
    {
        WebLoadResult? web = null;
        var (silos, slots, trials) = (shape.Silos, shape.Slots, shape.Trials);
        var settings = new ClusterBenchSettings(silos, slots, trials, TimeSpan.FromSeconds(1), shape.Steps, TimeSpan.Zero, TimeSpan.FromSeconds(30),
            SweepTrials: trials, Postgres: null, SiloAssembly: SiloProgram.Locate(null));
        settings = settings with
        {
            WhileRunning = async (cluster, cancel) => web = await SweepPageUnderLoad.MeasureAsync(cluster, settings, tabs, cancel),
        };
        Console.WriteLine($"bench-ui: {trials} trials on {silos} silos × {slots} slots, {tabs} tabs on the sweep page, load {TimingReport.LoadAverage():F1}");
        var cluster = await ClusterBenchmark.RunAsync(settings, p =>
        {
            if (p.Finished % 50 == 0)
                Console.WriteLine($"bench-ui: {p.Finished} of {p.Trials} trials, load {p.Load:F1}");
        });
        foreach (var file in BenchmarkFiles.Write(outFolder, "web-under-load", [web!]).Concat(BenchmarkFiles.Write(outFolder, "web-under-load-cluster", [cluster])))
            Console.WriteLine($"wrote {file}");
        Console.WriteLine($"bench-ui: delay p50 {web!.DelayP50Ms:F0} ms, p99 {web.DelayP99Ms:F0} ms over {web.EvaluationsTimed} evaluations × tabs "
                          + $"({web.NotShown} never shown), {web.SignalRKBPerTabPerSecond:F1} KB/s and {web.OrleansMessagesPerTabPerSecond:F1} Orleans messages/s per tab");
        return 0;
    }
}
