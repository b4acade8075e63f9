using System.CommandLine;
using MinRnnLab.Client;
using MinRnnLab.Hosting;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn serve [--data DIR] [--devices cpu,cpu] [--threads N]`: runs the embedded platform until Ctrl+C or SIGTERM,
/// then checkpoints the runs in flight and hands them back, so the next start resumes them at once.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "run the platform headless until Ctrl+C or SIGTERM; sweeps carry on at the next start");
        foreach (var option in LabConnection.ForSilo)
            command.Add(option);
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancel)
    {
        var options = LabConnection.Options(parse);
        await using var client = await LabConnection.StartEmbeddedAsync(options, cancel);
        var stoppedBy = InheritedSignals.SigIntIgnored()
            ? "SIGTERM stops it (SIGINT is ignored: it was started from a background shell)"
            : "Ctrl+C or SIGTERM stops it";
        AnsiConsole.WriteLine($"platform running: data {Path.GetFullPath(options.DataFolder)}, gateway 127.0.0.1:{options.GatewayPort}, " +
                              $"devices {string.Join(", ", options.Slots.Select(s => s.Name))}. {stoppedBy}; sweeps carry on at the next start.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancel);
        }
        catch (OperationCanceledException)
        {
        }
        AnsiConsole.WriteLine("stopping: runs in flight checkpoint and go back to the queue");
        return 0;
    }
}
