using System.CommandLine;
using System.Globalization;
using MinRnnLab.Cli.Declarations;
using MinRnnLab.Config;
using MinRnnLab.Training.Benchmarks;
using MinRnnLab.Training.Data;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn bench train [--preset P] [--config F] [--arch A[,B,...]] [--iters N] [--rounds R] [--warmup N] [--out DIR]
/// [--key value ...]`: ms per training step, tokens/s and model FLOP utilisation. Several architectures are measured
/// in one sitting, taking turns (see <see cref="TrainBenchmark.Run"/>), and compared with the first.
/// </summary>
public static class BenchTrainCommand
{
    private static readonly Option<int> Iters = Declare.Count("--iters", "timed steps per turn", 10);
    private static readonly Option<int> Rounds = Declare.Count("--rounds", "turns each architecture takes", 5, helpName: "R");
    /// <summary>Shared with bench scan, so that both read a count the same way (0: no warm-up).</summary>
    internal static Option<int> Warmup(string description, int fallback) => Declare.Count("--warmup", description, fallback, minimum: 0);
    private static readonly Option<int> WarmupSteps = Warmup("untimed steps before the first turn (0: none)", 5);
    private static readonly Option<string> Out = Declare.Text("--out", "DIR", "where train[-ARCH].{json,csv,md} go", "bench");

    public static Command Create()
    {
        var config = new ConfigOptions();
        var command = new Command("train", "ms/iter, tokens/s and MFU; several architectures (--arch A,B,...) take turns, each compared with the first")
        {
            Iters, Rounds, WarmupSteps, Out,
        };
        foreach (var option in config.All)
            command.Add(option);
        command.SetAction((parse, cancel) => RunAsync(parse, config, cancel));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, ConfigOptions options, CancellationToken cancel)
    {
        var (iters, rounds, warmup) = (parse.GetValue(Iters), parse.GetValue(Rounds), parse.GetValue(WarmupSteps));
        var configs = Configs(parse, options);
        var corpus = await CorpusLocator.Default("data").LocateAsync(configs[0].Train.DataPath, cancel);
        using var data = CharDataset.Load(corpus);

        IReadOnlyList<TrainBenchmarkResult> results = [];
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"{configs.Count} × {rounds} turns of {iters} steps", maxValue: configs.Count * rounds);
                results = TrainBenchmark.Run(configs, data, warmup, iters, rounds, (done, _) => task.Value = done);
            });
        foreach (var result in results)
            AnsiConsole.WriteLine(Line(result, results.Count > 1));
        var name = results.Count == 1 ? $"train-{results[0].Arch.ToLowerInvariant()}" : "train";
        var files = BenchmarkFiles.Write(parse.GetValue(Out)!, name, results);
        AnsiConsole.WriteLine($"wrote {string.Join(", ", files)}");
        return 0;
    }

    // One config per --arch in a comma-separated list, else the one config the options describe.
    private static List<RunConfig> Configs(ParseResult parse, ConfigOptions options)
    {
        var list = options.Value(parse, "arch") ?? "";
        var archs = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (archs.Length <= 1)
            return [options.Load(parse)];
        if (archs.Distinct(StringComparer.OrdinalIgnoreCase).Count() < archs.Length)
            throw new UsageException($"--arch names an architecture twice: '{list}'");
        return archs.Select(arch => options.Load(parse, ("arch", arch))).ToList();
    }

    private static string Line(TrainBenchmarkResult r, bool compared) => string.Format(CultureInfo.InvariantCulture,
        "{0}: {1:F2}M params, batch {2} × {3}, {4} threads: {5:F1} ms/iter (median of {6}, p10–p90 {7:F1}–{8:F1}){9}, {10:F0} tokens/s, model {11:F2} GFLOP/s, matmul peak {12:F2} GFLOP/s, MFU {13:P1}",
        r.Arch, r.Parameters / 1e6, r.BatchSize, r.BlockSize, r.Threads, r.MsPerIter, r.Steps, r.MsP10, r.MsP90,
        compared ? string.Format(CultureInfo.InvariantCulture, ", {0:F2}× the first ({1:F2}–{2:F2} by round)", r.RatioToFirst, r.RatioP10, r.RatioP90) : "",
        r.TokensPerSecond, r.ModelFlopsPerSecond / 1e9, r.PeakFlopsPerSecond / 1e9, r.Mfu);
}
