using System.CommandLine;
using MinRnnLab.Cli.Declarations;
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
    private static readonly SoakOptions Defaults = new(TimeSpan.FromMinutes(10));
    private static readonly Option<double> Minutes = Declare.Number("--minutes", "how long to soak", Defaults.Duration.TotalMinutes, above: 0, helpName: "N");
    private static readonly Option<int> Workers = Declare.Count("--workers", "runs training at once", Defaults.Workers, helpName: "W");
    private static readonly Option<int> Threads = Declare.Count("--threads", "libtorch threads", Defaults.TorchThreads, minimum: 0, helpName: "T");
    private static readonly Option<int> Seed = Declare.Count("--seed", "seed of the random cancels, stops and resumes", (int)Defaults.Seed,
        minimum: int.MinValue, helpName: "S");

    public static Command Create()
    {
        var command = new Command("soak", "runs, cancels, resumes and forced GCs at once, to find native crashes (scripts/soak.sh)")
        {
            Minutes, Workers, Threads, Seed,
        };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancel)
    {
        var options = Defaults with
        {
            Duration = TimeSpan.FromMinutes(parse.GetValue(Minutes)),
            Workers = parse.GetValue(Workers),
            TorchThreads = parse.GetValue(Threads),
            Seed = parse.GetValue(Seed),
        };
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
