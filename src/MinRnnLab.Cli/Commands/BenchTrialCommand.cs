using System.CommandLine;
using System.Globalization;
using MinRnnLab.Cli.Declarations;
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
    private static readonly Option<int> Rounds = Declare.Count("--rounds", "turns each way of training takes", 3, helpName: "R");
    private static readonly Option<int> Threads = Declare.Count("--threads", "libtorch threads of the CPU slot (0: libtorch's default)", 0, minimum: 0);
    private static readonly Option<string> Out = Declare.Text("--out", "DIR", "where trial-PRESET.{json,csv,md} go", "bench");
    private static readonly Option<string> Data = Declare.Text("--data", "DIR", "the silo's data folder", "data");

    public static Command Create()
    {
        var config = new ConfigOptions(except: "threads");                             // --threads is the slot's, as on a silo
        var command = new Command("trial", "a trial process's start and step time against training in the silo's process")
        {
            Rounds, Threads, Out, Data,
        };
        foreach (var option in config.All)
            command.Add(option);
        command.SetAction((parse, cancel) => Task.FromResult(Run(parse, config, cancel)));
        return command;
    }

    private static int Run(ParseResult parse, ConfigOptions configOptions, CancellationToken cancel)
    {
        var config = configOptions.Load(parse);
        var options = new LabOptions
        {
            DataFolder = Path.GetFullPath(parse.GetValue(Data)!),
            CorpusPath = config.Train.DataPath is { Length: > 0 } path ? path : null,          // else MINRNN_DATA, then the data folder
            CpuThreads = parse.GetValue(Threads),
        };
        var preset = parse.GetValue(configOptions.Preset) ?? "custom";
        var results = TrialStartBenchmark.Run(preset, config, options, parse.GetValue(Rounds), line =>
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
        var files = BenchmarkFiles.Write(parse.GetValue(Out)!, $"trial-{preset}", results);
        AnsiConsole.WriteLine($"wrote {string.Join(", ", files)}");
        return 0;
    }
}
