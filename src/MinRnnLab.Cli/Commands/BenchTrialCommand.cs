using System.Globalization;
using MinRnnLab.Hosting;
using MinRnnLab.Worker.Trials;
using MinRnnLab.Training.Benchmarks;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn bench trial [--preset P] [--rounds R] [--threads N] [--out DIR] [--key value ...]`: a trial process's start
/// cost and step time against training in the silo's process, the two taking turns (<see cref="TrialStartBenchmark"/>).
/// </summary>
public static class BenchTrialCommand
{
    private static readonly string[] OwnOptions = ["rounds", "threads", "out", "data"];

    public static int Run(ParsedArgs args, CancellationToken cancel)
    {
        var rounds = args.GetPositiveInt("rounds", 3);
        var config = RunConfigLoader.Load(args, OwnOptions);
        var options = new LabOptions
        {
            DataFolder = Path.GetFullPath(args.Get("data") ?? "data"),
            CorpusPath = config.Train.DataPath is { Length: > 0 } path ? path : null,          // else MINRNN_DATA, then the data folder
            CpuThreads = args.GetInt("threads", 0),
        };
        var preset = args.Get("preset") ?? "custom";
        var results = TrialStartBenchmark.Run(preset, config, options, rounds, line =>
        {
            cancel.ThrowIfCancellationRequested();
            AnsiConsole.WriteLine(line);
        });
        foreach (var r in results)
        {
            AnsiConsole.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "{0}, {1}: start {2:F2} s ({3:F2}–{4:F2}), {5:F1} ms/iter ({6:F1}–{7:F1}), {8:F1} s for {9} steps{10}",
                r.Preset, r.Executor, r.StartSeconds, r.StartMin, r.StartMax, r.MsPerIter, r.MsPerIterMin, r.MsPerIterMax,
                r.WallSeconds, r.Steps, r.PeakMemoryMb is { } mb ? $", peak {mb:F0} MB" : ""));
        }
        var files = BenchmarkFiles.Write(args.Get("out") ?? "bench", $"trial-{preset}", results);
        AnsiConsole.WriteLine($"wrote {string.Join(", ", files)}");
        return 0;
    }
}
