using System.CommandLine;
using System.CommandLine.Invocation;
using MinRnnLab.Config;
using MinRnnLab.Training.Data;
using MinRnnLab.Training.Trainer;

namespace MinRnnLab.Cli;

/// <summary>
/// Runs one `minrnn` command line and turns its errors into messages and exit codes: 0 done, 1 an unexpected error,
/// 2 wrong input or an unknown sweep or run, 3 diverged, 130 cancelled. The command line is checked whole before
/// anything starts: `--help` (or `-h`, or `help` first) prints the command's help and starts nothing, and so does a
/// `[suggest]` directive (shell completion).
/// </summary>
public static class CommandLine
{
    /// <summary>Set to 1 to print an unexpected error's stack trace.</summary>
    public const string TraceVariable = "MINRNN_TRACE";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancel)
    {
        var parse = CommandTree.Build().Parse(args is ["help", ..] ? [.. args.Skip(1), "--help"] : args);
        // Signals are Program's (GracefulStop), and errors are answered below: the library handles neither.
        var invocation = new InvocationConfiguration
        {
            Output = output, Error = errors, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null,
        };
        var command = parse.CommandResult.Command;
        if (parse.Action is not null && parse.Action != command.Action && parse.Action is not ParseErrorAction)
            return await parse.InvokeAsync(invocation, cancel);                         // help, completions
        var problems = ParseProblems.Of(parse);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
                errors.WriteLine($"error: {problem}");
            errors.WriteLine($"('{CommandTree.NameOf(command)} --help' shows its usage)");
            return 2;
        }
        try
        {
            return await parse.InvokeAsync(invocation, cancel);
        }
        catch (UsageException e)
        {
            errors.WriteLine($"error: {e.Message}");
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
            errors.WriteLine(command.Name == "train" ? "cancelled; resume with --resume from the last checkpoint" : "cancelled");
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

/// <summary>The command line itself is wrong in a way only the command can tell (e.g. `--storage postgres` without `--pg`).</summary>
public sealed class UsageException(string message) : Exception(message);
