using System.CommandLine;
using MinRnnLab.Config;
using System.Globalization;
using MinRnnLab.Cli.Declarations;
using MinRnnLab.Training.Benchmarks;
using MinRnnLab.Training.Data;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn bench memory [--preset P] [--at 100,2000] [--out DIR] [--key value ...]`: trains for max_iters with the
/// config's evaluations and checkpoints and prints RSS, .NET heap, live tensors and glibc allocator bytes at the
/// steps in --at (default: the first logged step and the last); every logged step goes to memory-ARCH.{json,csv,md}.
/// </summary>
public static class BenchMemoryCommand
{
    private static readonly Option<IReadOnlyList<int>> At = Declare.PositiveList("--at", "the steps to print [default: the first logged step and the last]");
    private static readonly Option<string> Out = Declare.Text("--out", "DIR", "where memory-ARCH.{json,csv,md} go", "bench");

    public static Command Create()
    {
        var config = new ConfigOptions();
        var command = new Command("memory", "RSS, .NET heap, live tensors and allocator bytes while a run trains") { At, Out };
        foreach (var option in config.All)
            command.Add(option);
        command.SetAction((parse, cancel) => RunAsync(parse, config, cancel));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, ConfigOptions options, CancellationToken cancel)
    {
        var config = options.Load(parse);
        var corpus = await CorpusLocator.Default("data").LocateAsync(config.Train.DataPath, cancel);
        using var data = CharDataset.Load(corpus);
        var arch = config.Model.Arch.ToConfigName();
        AnsiConsole.WriteLine($"bench memory: {arch}, {config.Train.MaxIters} steps, eval every {config.Train.EvalInterval}, " +
                              $"checkpoint every {config.Train.CheckpointInterval}, MALLOC_ARENA_MAX={Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") ?? "unset"}");
        var rows = MemoryBenchmark.Run(config, data, cancel);
        if (rows.Count == 0)
            throw new InvalidOperationException("no step was logged; raise max_iters or lower log_interval");

        var at = parse.GetValue(At) ?? [rows[0].Step, rows[^1].Step];
        var table = new Table().AddColumns("step", "RSS MB", ".NET heap MB", "live tensors", "malloc in use MB", "malloc free held MB");
        foreach (var row in at.Select(s => MemoryBenchmark.At(rows, s)).OfType<MemoryRow>().Distinct())
            table.AddRow(row.Step.ToString(CultureInfo.InvariantCulture), F(row.RssMb), F(row.ManagedMb),
                row.LiveTensors.ToString(CultureInfo.InvariantCulture), F(row.MallocInUseMb), F(row.MallocFreeHeldMb));
        AnsiConsole.Write(table);
        // The estimate `train` and `sweep validate` check against the worker's memory, beside what this run held.
        var estimate = MemoryEstimate.Of(config with { Model = config.Model with { VocabSize = data.VocabSize } });
        if (PeakMemory.ProcessPeakBytes() is { } peak)
            AnsiConsole.WriteLine(string.Format(CultureInfo.InvariantCulture, "peak RSS {0:F0} MB, estimate {1:F0} MB ({2:N0} parameters): estimate/measured {3:F2}",
                peak / 1e6, estimate.TotalBytes / 1e6, estimate.Parameters, estimate.TotalBytes / peak));
        var files = BenchmarkFiles.Write(parse.GetValue(Out)!, $"memory-{arch}", rows);
        AnsiConsole.WriteLine($"wrote {string.Join(", ", files)}");
        return 0;
    }

    private static string F(double? value) => value?.ToString("F1", CultureInfo.InvariantCulture) ?? "";
}
