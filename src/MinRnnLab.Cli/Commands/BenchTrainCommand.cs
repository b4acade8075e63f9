using System.Globalization;
using MinRnnLab.Training.Benchmarks;
using MinRnnLab.Training.Data;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>`minrnn bench train [--preset P] [--config F] [--iters N] [--warmup N] [--out DIR] [--key value ...]`</summary>
public static class BenchTrainCommand
{
    public static async Task<int> RunAsync(ParsedArgs args, CancellationToken cancel)
    {
        var config = RunConfigLoader.Load(args, "iters", "warmup", "out");
        var corpus = await CorpusLocator.Default("data").LocateAsync(config.Train.DataPath, cancel);
        using var data = CharDataset.Load(corpus);
        var result = TrainBenchmark.Run(config, data, args.GetInt("warmup", 5), args.GetInt("iters", 50));
        AnsiConsole.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "{0}: {1:F2}M params, batch {2} × {3}, {4} threads: {5:F1} ms/iter, {6:F0} tokens/s, model {7:F2} GFLOP/s, matmul peak {8:F2} GFLOP/s, MFU {9:P1}",
            result.Arch, result.Parameters / 1e6, result.BatchSize, result.BlockSize, result.Threads, result.MsPerIter,
            result.TokensPerSecond, result.ModelFlopsPerSecond / 1e9, result.PeakFlopsPerSecond / 1e9, result.Mfu));
        var files = BenchmarkFiles.Write(args.Get("out") ?? "bench", $"train-{result.Arch.ToLowerInvariant()}", [result]);
        AnsiConsole.WriteLine($"wrote {string.Join(", ", files)}");
        return 0;
    }
}
