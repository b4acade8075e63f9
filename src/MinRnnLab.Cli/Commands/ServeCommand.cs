using MinRnnLab.Grains.Client;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>`minrnn serve [--data DIR] [--devices cpu,cpu] [--threads N]`: runs the embedded platform until Ctrl+C.</summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync(ParsedArgs args, CancellationToken cancel)
    {
        var options = LabConnection.Options(args);
        await using var client = await LabClient.StartEmbeddedAsync(options, cancel: cancel);
        AnsiConsole.WriteLine($"platform running: data {Path.GetFullPath(options.DataFolder)}, gateway 127.0.0.1:{options.GatewayPort}, " +
                              $"devices {string.Join(", ", options.SlotDevices)}. Ctrl+C stops it; sweeps carry on at the next start.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancel);
        }
        catch (OperationCanceledException)
        {
        }
        return 0;
    }
}
