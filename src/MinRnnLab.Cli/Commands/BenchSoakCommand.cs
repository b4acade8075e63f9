using MinRnnLab.Training.Benchmarks;
using MinRnnLab.Training.Data;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn bench soak [--minutes N] [--workers W] [--threads T] [--seed S]`: many tiny runs training at once in this
/// process, cancelled, stopped and resumed at random, beside a thread that forces garbage collections without pause
/// (see <see cref="TrainingSoak"/>). Exit code 0 when no run failed; a native crash ends the process, so run it
/// through scripts/soak.sh, which has the runtime write a dump with the managed stacks.
/// </summary>
public static class BenchSoakCommand
{
    public static async Task<int> RunAsync(ParsedArgs args, CancellationToken cancel)
    {
        var defaults = new SoakOptions(TimeSpan.FromMinutes(10));
        var options = defaults with
        {
            Duration = TimeSpan.FromMinutes(args.GetDouble("minutes", defaults.Duration.TotalMinutes)),
            Workers = args.GetPositiveInt("workers", defaults.Workers),
            TorchThreads = args.GetInt("threads", defaults.TorchThreads),
            Seed = args.GetInt("seed", (int)defaults.Seed),
        };
        if (options.Duration <= TimeSpan.Zero)
            throw new UsageException($"--minutes expects a positive number, got {options.Duration.TotalMinutes}");
        var corpus = await CorpusLocator.Default("data").LocateAsync(null, cancel);
        using var data = CharDataset.Load(corpus);
        Console.WriteLine($"bench soak: {options.Duration.TotalMinutes:0.#} min, {options.Workers} runs at once, " +
                          $"{options.TorchThreads} libtorch threads, seed {options.Seed}, process {Environment.ProcessId}");
        var counts = TrainingSoak.Run(options, data, Console.WriteLine, cancel);
        cancel.ThrowIfCancellationRequested();
        Console.WriteLine($"soak done: {counts}");
        foreach (var (kind, failure) in counts.FirstFailures)
            Console.Error.WriteLine($"first {kind}: {failure}");
        return counts.Failures == 0 ? 0 : 1;
    }
}
