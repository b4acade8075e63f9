using MinRnnLab.Cli.Commands;
using MinRnnLab.Config;
using MinRnnLab.Training.Data;
using MinRnnLab.Training.Trainer;

namespace MinRnnLab.Cli;

/// <summary>
/// Runs one `minrnn` command line and turns its errors into messages and exit codes: 0 done, 1 an unexpected error,
/// 2 wrong input or an unknown sweep or run, 3 diverged, 130 cancelled. `--help` on any command prints its usage and
/// starts nothing.
/// </summary>
public static class CommandLine
{
    /// <summary>Set to 1 to print an unexpected error's stack trace.</summary>
    public const string TraceVariable = "MINRNN_TRACE";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancel)
    {
        var parsed = ParsedArgs.Parse(args);
        if (Usage.IsRequested(parsed))
        {
            output.WriteLine(Usage.For(parsed.Positional));
            return 0;
        }
        try
        {
            return parsed.Positional switch
            {
                ["train", ..] => await TrainCommand.RunAsync(parsed, cancel),
                ["sample", ..] => SampleCommand.Run(parsed, errors, cancel),
                ["bench", "train", ..] => await BenchTrainCommand.RunAsync(parsed, cancel),
                ["bench", "scan", ..] => BenchScanCommand.Run(parsed),
                ["bench", "memory", ..] => await BenchMemoryCommand.RunAsync(parsed, cancel),
                ["bench", "soak", ..] => await BenchSoakCommand.RunAsync(parsed, cancel),
                ["bench", "trial", ..] => BenchTrialCommand.Run(parsed, cancel),
                ["sweep", "validate", ..] => SweepValidateCommand.Run(parsed, output, errors),
                ["sweep", "watch", ..] => await SweepWatchCommand.RunAsync(parsed, cancel),
                ["sweep", "report", ..] => await SweepReportCommand.RunAsync(parsed, cancel),
                ["sweep", "logs", ..] => await SweepLogsCommand.RunAsync(parsed, output, errors, cancel),
                ["sweep", "submit" or "list" or "status" or "cancel" or "pause" or "resume", ..] => await SweepCommands.RunAsync(parsed, cancel),
                ["serve", ..] => await ServeCommand.RunAsync(parsed, cancel),
                ["bench", "orchestration", ..] => await BenchOrchestrationCommand.RunAsync(parsed, cancel),
                ["keys", ..] => KeysCommand.Run(),
                ["cluster", ..] => await ClusterCommand.RunAsync(parsed, cancel),
                _ => throw new UsageException(parsed.Positional.Count == 0 ? "no command given" : $"unknown command '{string.Join(' ', parsed.Positional)}'"),
            };
        }
        catch (UsageException e)
        {
            errors.WriteLine($"error: {e.Message}");
            errors.WriteLine(Usage.For(parsed.Positional));
            return 2;
        }
        // KeyNotFoundException: an unknown sweep or run ("no sweep 'X'"); nothing was stored.
        // IOException covers a full disk: the message names the path, and checkpoints are swapped in by rename, so the last good one survives.
        // InvalidDataException: a damaged checkpoint, named.
        catch (Exception e) when (e is KeyNotFoundException or ConfigException or CorpusException or ArgumentException or IOException
                                      or InvalidOperationException or InvalidDataException)
        {
            errors.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (DivergedException e)
        {
            errors.WriteLine($"error: {e.Message}");
            return 3;
        }
        catch (OperationCanceledException)
        {
            errors.WriteLine(parsed.Positional is ["train", ..] ? "cancelled; resume with --resume from the last checkpoint" : "cancelled");
            return 130;
        }
        // Anything else is a fault of ours (or of a platform it talked to), not of the input: one line that says
        // what, the trace only when asked for, and an exit code of its own so that a script can tell the two apart.
        catch (Exception e)
        {
            errors.WriteLine($"error: unexpected {e.GetType().Name}: {e.Message}");
            errors.WriteLine(Environment.GetEnvironmentVariable(TraceVariable) == "1"
                ? e.ToString()
                : $"(set {TraceVariable}=1 to see where it happened)");
            return 1;
        }
    }
}
