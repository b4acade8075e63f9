using System.CommandLine;
using System.Globalization;
using MinRnnLab.Cli.Declarations;
using MinRnnLab.Config;
using MinRnnLab.Cli.Benchmarks;
using MinRnnLab.Hosting;
using MinRnnLab.Training.Benchmarks;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn bench orchestration [--trials 1000] [--warmup 100] [--parallel 8] [--devices cpu,cpu,...] [--out DIR]
/// [--storage sqlite|postgres --pg CONNECTION] [--early_terminate median|asha]`: postgres runs one cluster silo on
/// that database; early_terminate makes the sweep judge every evaluation (sqlite also reports state bytes per trial).
/// </summary>
public static class BenchOrchestrationCommand
{
    private const int DefaultSlots = 8;
    private static readonly Option<int> Trials = Declare.Count("--trials", "no-op trials to run through the queue", 1000);
    private static readonly Option<int> Warmup = Declare.Count("--warmup", "untimed no-op trials first, in the same silo, so the figures are the steady state", 100, minimum: 0);
    private static readonly Option<int> Parallel = Declare.Count("--parallel", "trials in flight [default: one per slot]", null);
    private static readonly Option<string> Storage = Declare.Choice("--storage", "where grain state goes", "sqlite", "sqlite", "postgres");
    private static readonly Option<string> EarlyTerminate = Declare.Choice("--early_terminate", "judge every evaluation, and report state bytes per trial",
        null, "median", "asha");
    private static readonly Option<string> Data = Declare.Text("--data", "DIR", "the silo's data folder [default: a temporary folder, removed after]");
    private static readonly Option<string> Devices = Declare.Text("--devices", "LIST", "the silo's device slots", string.Join(',', Enumerable.Repeat("cpu", DefaultSlots)));
    private static readonly Option<string> Out = Declare.Text("--out", "DIR", "where orchestration-STORAGE.{json,csv,md} go", "bench");

    public static Command Create()
    {
        var command = new Command("orchestration", "the platform's own overhead with a no-op trainer: queue, leases, grain state")
        {
            Trials, Warmup, Parallel, Storage, EarlyTerminate, LabConnection.Pg, Data, Devices, LabConnection.Threads, LabConnection.Gateway,
            LabConnection.SiloPort, Out,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(Storage) == "postgres" && string.IsNullOrEmpty(Connection(result.GetValue(LabConnection.Pg))))
                result.AddError($"--storage postgres needs --pg CONNECTION (or {LabConnection.ClusterVariable})");
        });
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancel)
    {
        var options = LabConnection.Options(parse);
        options.DataFolder = parse.GetValue(Data) ?? Path.Combine(Path.GetTempPath(), $"minrnn-orchestration-{Guid.NewGuid():N}");
        options.Devices = parse.GetValue(Devices)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        options.PollInterval = TimeSpan.FromMilliseconds(20);
        options.Storage = EnumSetting.Parse<StorageKind>("--storage", parse.GetValue(Storage)!);
        options.ConnectionString = Connection(parse.GetValue(LabConnection.Pg));
        options.AdvertisedIp ??= "127.0.0.1";                                          // one silo, on this machine
        var trials = parse.GetValue(Trials);
        var parallel = parse.Given(Parallel) ?? options.Devices.Count;
        var warmup = parse.GetValue(Warmup);
        AnsiConsole.WriteLine($"{warmup} warm-up and then {trials} timed no-op trials through the queue on {options.Devices.Count} slots ...");
        var earlyTerminate = parse.GetValue(EarlyTerminate) ?? "";
        OrchestrationResult result;
        try
        {
            result = await OrchestrationBenchmark.RunAsync(options, trials, parallel, warmup, earlyTerminate: earlyTerminate, cancel: cancel);
        }
        finally
        {
            if (parse.GetValue(Data) is null)
                Directory.Delete(options.DataFolder, recursive: true);                 // also when stopped: it is a temp folder
        }
        AnsiConsole.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "{0}: {1} trials in {2:F1} s: {3:F1} ms per trial dispatched, {4:F0} metric points ingested per second",
            result.Storage, result.Trials, result.WallSeconds, result.MsPerTrial, result.PointsPerSecond));
        if (result.WarmupTrials > 0)
            AnsiConsole.WriteLine(string.Format(CultureInfo.InvariantCulture, "the warm-up's {0} trials, start-up costs and all: {1:F1} ms per trial",
                result.WarmupTrials, result.WarmupMsPerTrial));
        if (result.StateBytes >= 0)
            AnsiConsole.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "early_terminate {0}: {1:F0} bytes of grain state and trial rows written per trial ({2} writes, {3} bytes)",
                result.EarlyTerminate, result.StateBytesPerTrial, result.StateWrites, result.StateBytes));
        AnsiConsole.WriteLine($"live updates: {result.LiveEventsPosted} posted, {result.LiveEventsMerged} merged into one still waiting, {result.LiveEventsDropped} dropped");
        var suffix = earlyTerminate is "" ? "" : $"-{earlyTerminate}";
        var files = BenchmarkFiles.Write(parse.GetValue(Out)!, $"orchestration-{result.Storage}{suffix}", [result]);
        AnsiConsole.WriteLine($"wrote {string.Join(", ", files)}");
        return 0;
    }

    private static string? Connection(string? given) => given ?? Environment.GetEnvironmentVariable(LabConnection.ClusterVariable);
}
