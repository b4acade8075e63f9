using System.CommandLine;
using System.Globalization;
using MinRnnLab.Cli.Declarations;
using MinRnnLab.Config.Benchmarks;
using MinRnnLab.Storage;
using MinRnnLab.Training.Benchmarks;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn bench scan [--hidden H] [--batch B] [--lengths 64,256,...] [--reps N] [--warmup N] [--threads N]
/// [--budget SECONDS] [--device cpu|cuda] [--data DIR] [--out DIR]`: the paper's Figure 1 (forward + backward time
/// and peak memory per model and length) as a table. Every run is saved in the lab's benchmarks folder
/// (`--data`, default "data", as for the platform) as bench-scan-&lt;UTC time&gt;.{json,csv,md}, where the web UI's
/// Benchmarks page reads it; `--out DIR` also writes bench-scan.{json,csv,md} there (e.g. docs/results).
/// </summary>
public static class BenchScanCommand
{
    private static readonly ScanBenchmarkOptions Defaults = new();
    private static readonly Option<IReadOnlyList<int>> Lengths = Declare.PositiveList("--lengths",
        $"sequence lengths T [default: {string.Join(',', Defaults.SeqLens)}]");
    private static readonly Option<int> Hidden = Declare.Count("--hidden", "hidden size", Defaults.Hidden, helpName: "H");
    private static readonly Option<int> Batch = Declare.Count("--batch", "batch size", Defaults.Batch, helpName: "B");
    private static readonly Option<int> Reps = Declare.Count("--reps", "timed runs per model and length", Defaults.Reps);
    // Read as bench train reads it; the first run of a case is always made (it measures peak memory and checks the budget), so 0 and 1 both mean that run alone.
    private static readonly Option<int> Warmup = BenchTrainCommand.Warmup("untimed runs per model and length, the first (memory, budget) included", Defaults.Warmup);
    private static readonly Option<int> Threads = Declare.Count("--threads", "libtorch threads [default: libtorch's]", null);
    private static readonly Option<double> Budget = Declare.Number("--budget", "seconds one run may take before longer lengths are skipped",
        Defaults.CaseBudget.TotalSeconds, above: 0, helpName: "SECONDS");
    private static readonly Option<string> Device = Declare.Text("--device", "DEVICE", "cpu, cuda or cuda:N", Defaults.Device);
    private static readonly Option<string> Data = Declare.Text("--data", "DIR", "the lab's data folder: each run is kept in its benchmarks/ for the web UI", "data");
    private static readonly Option<string> Out = Declare.Text("--out", "DIR", "also write bench-scan.{json,csv,md} here");

    public static Command Create()
    {
        var command = new Command("scan", "the paper's Figure 1: forward + backward time and peak memory per model and sequence length")
        {
            Lengths, Hidden, Batch, Reps, Warmup, Threads, Budget, Device, Data, Out,
        };
        command.SetAction(Run);
        return command;
    }

    private static int Run(ParseResult parse)
    {
        var options = Defaults with
        {
            SeqLens = parse.GetValue(Lengths) ?? Defaults.SeqLens,
            Hidden = parse.GetValue(Hidden),
            Batch = parse.GetValue(Batch),
            Reps = parse.GetValue(Reps),
            Warmup = Math.Max(1, parse.GetValue(Warmup)),
            Threads = parse.Given(Threads),
            CaseBudget = TimeSpan.FromSeconds(parse.GetValue(Budget)),
            Device = parse.GetValue(Device)!,
        };
        AnsiConsole.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "bench scan: batch {0}, hidden {1}, lengths {2}, {3} reps after {4} warm-up, budget {5:F0} s per case, {6}",
            options.Batch, options.Hidden, string.Join(',', options.SeqLens), options.Reps, options.Warmup,
            options.CaseBudget.TotalSeconds, options.Device));

        ScanBenchmarkReport report = null!;
        // One progress tick per (model, T) cell and per scan-share length, whether measured or skipped.
        var cells = ScanBenchmark.DefaultCases.Count * options.SeqLens.Count + options.SeqLens.Count;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("measuring", maxValue: cells);
                report = ScanBenchmark.Run(options, log: line =>
                {
                    AnsiConsole.WriteLine(line);
                    task.Description = Markup.Escape(line.Length > 60 ? line[..60] : line);
                    task.Increment(1);
                });
                task.Value = cells;
            });

        AnsiConsole.Write(Table(report));
        var lab = new LabPaths(parse.GetValue(Data)!);
        var files = ScanBenchmarkHistory.Save(report, lab.BenchmarksFolder, DateTimeOffset.UtcNow).ToList();
        if (parse.GetValue(Out) is { } outFolder)
            files.AddRange(report.WriteAll(outFolder, ScanBenchmarkHistory.Prefix));
        AnsiConsole.WriteLine($"wrote {string.Join(", ", files)}");
        return 0;
    }

    private static Table Table(ScanBenchmarkReport report)
    {
        var table = new Table().AddColumns("model", "T", "ms", "peak MiB", "× vs loop", "× vs fused", "memory vs loop", "note");
        foreach (var column in table.Columns.Skip(1).Take(6))
            column.RightAligned();
        foreach (var r in report.Rows)
            table.AddRow(r.Model, r.SeqLen.ToString(CultureInfo.InvariantCulture), r.Skipped ? "skipped" : F(r.Ms),
                F(r.PeakBytes / 1048576.0), F(r.SpeedupVsLoop), F(r.SpeedupVsFused), F(r.MemoryRatioVsLoop),
                Markup.Escape(r.Note ?? ""));
        return table;
    }

    private static string F(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";
}
