using System.Globalization;
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
    public static int Run(ParsedArgs args)
    {
        var defaults = new ScanBenchmarkOptions();
        var options = defaults with
        {
            SeqLens = args.Get("lengths") is { } lengths ? ParsePositiveList(lengths, "lengths") : defaults.SeqLens,
            Hidden = args.GetPositiveInt("hidden", defaults.Hidden),
            Batch = args.GetPositiveInt("batch", defaults.Batch),
            Reps = args.GetPositiveInt("reps", defaults.Reps),
            Warmup = args.GetPositiveInt("warmup", defaults.Warmup),
            Threads = args.Get("threads") is null ? null : args.GetPositiveInt("threads", 1),
            CaseBudget = TimeSpan.FromSeconds(args.GetDouble("budget", defaults.CaseBudget.TotalSeconds)),
            Device = args.Get("device") ?? defaults.Device,
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
        var lab = new LabPaths(LabConnection.Options(args).DataFolder);
        var files = ScanBenchmarkHistory.Save(report, lab.BenchmarksFolder, DateTimeOffset.UtcNow).ToList();
        if (args.Get("out") is { } outFolder)
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

    /// <summary>"64,512,4096" → [64, 512, 4096]; anything else is a usage error naming --<paramref name="key"/>.</summary>
    internal static IReadOnlyList<int> ParsePositiveList(string text, string key)
    {
        var lengths = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new UsageException($"--{key} expects positive integers separated by commas, got '{text}'"))
            .Distinct()
            .ToArray();
        return lengths.Length > 0 ? lengths : throw new UsageException($"--{key} is empty");
    }

    private static string F(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";
}
