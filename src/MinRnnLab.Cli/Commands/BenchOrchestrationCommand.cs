using System.Globalization;
using MinRnnLab.Config;
using MinRnnLab.Hosting.Benchmarks;
using MinRnnLab.Hosting;
using MinRnnLab.Training.Benchmarks;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn bench orchestration [--trials 1000] [--parallel 8] [--devices cpu,cpu,...] [--out DIR]
/// [--storage sqlite|postgres --pg CONNECTION] [--early_terminate median|asha]`: postgres runs one cluster silo on
/// that database; early_terminate makes the sweep judge every evaluation (sqlite also reports state bytes per trial).
/// </summary>
public static class BenchOrchestrationCommand
{
    public static async Task<int> RunAsync(ParsedArgs args, CancellationToken cancel)
    {
        var options = LabConnection.Options(args);
        options.DataFolder = args.Get("data") ?? Path.Combine(Path.GetTempPath(), $"minrnn-orchestration-{Guid.NewGuid():N}");
        if (args.Get("devices") is null)
            options.Devices = Enumerable.Repeat("cpu", 8).ToList();
        options.PollInterval = TimeSpan.FromMilliseconds(20);
        options.Storage = EnumSetting.Parse<StorageKind>("--storage", args.Get("storage") ?? "sqlite");
        options.ConnectionString = args.Get("pg") ?? Environment.GetEnvironmentVariable("MINRNN_CLUSTER");
        options.AdvertisedIp ??= "127.0.0.1";                                          // one silo, on this machine
        if (options.Storage == StorageKind.Postgres && string.IsNullOrEmpty(options.ConnectionString))
            throw new UsageException("--storage postgres needs --pg CONNECTION (or MINRNN_CLUSTER)");
        var trials = args.GetInt("trials", 1000);
        AnsiConsole.WriteLine($"{trials} no-op trials through the queue on {options.Devices.Count} slots ...");
        var earlyTerminate = args.Get("early_terminate") ?? "";
        if (earlyTerminate is not ("" or "median" or "asha"))
            throw new UsageException($"--early_terminate '{earlyTerminate}' is not 'median' or 'asha'");
        OrchestrationResult result;
        try
        {
            result = await OrchestrationBenchmark.RunAsync(options, trials, args.GetInt("parallel", options.Devices.Count), earlyTerminate: earlyTerminate, cancel: cancel);
        }
        finally
        {
            if (args.Get("data") is null)
                Directory.Delete(options.DataFolder, recursive: true);                 // also when stopped: it is a temp folder
        }
        AnsiConsole.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "{0}: {1} trials in {2:F1} s: {3:F1} ms per trial dispatched, {4:F0} metric points ingested per second",
            result.Storage, result.Trials, result.WallSeconds, result.MsPerTrial, result.PointsPerSecond));
        if (result.StateBytes >= 0)
            AnsiConsole.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "early_terminate {0}: {1:F0} bytes of grain state and trial rows written per trial ({2} writes, {3} bytes)",
                result.EarlyTerminate, result.StateBytesPerTrial, result.StateWrites, result.StateBytes));
        AnsiConsole.WriteLine($"live updates: {result.LiveEventsPosted} posted, {result.LiveEventsMerged} merged into one still waiting, {result.LiveEventsDropped} dropped");
        var suffix = earlyTerminate is "" ? "" : $"-{earlyTerminate}";
        var files = BenchmarkFiles.Write(args.Get("out") ?? "bench", $"orchestration-{result.Storage}{suffix}", [result]);
        AnsiConsole.WriteLine($"wrote {string.Join(", ", files)}");
        return 0;
    }
}
