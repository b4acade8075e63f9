using System.Globalization;
using MinRnnLab.Abstractions;
using MinRnnLab.Grains.Client;
using MinRnnLab.Training.Config;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>`minrnn sweep submit|list|status|cancel|pause|resume`: sweeps on the platform.</summary>
public static class SweepCommands
{
    public static async Task<int> RunAsync(ParsedArgs args, CancellationToken cancel)
    {
        var verb = args.Positional[1];
        var (client, embedded) = await LabConnection.OpenAsync(args, cancel);
        await using (client)
        {
            switch (verb)
            {
                case "submit":
                    var file = Argument(args, "sweep submit FILE");
                    if (!File.Exists(file))
                        throw new UsageException($"sweep file not found: {file}");
                    var result = await client.SubmitSweepAsync(BoundedYaml.ReadFile(file), file);
                    if (!result.Accepted)
                    {
                        foreach (var error in result.Errors)
                            Console.Error.WriteLine(error);
                        return 2;
                    }
                    AnsiConsole.WriteLine($"submitted {result.Status!.SweepId}: {result.Status.PlannedTrials} trials");
                    // An embedded platform only trains while this process lives, so stay and watch.
                    return embedded || args.Flag("watch") ? await SweepWatchCommand.WatchAsync(client, result.Status.SweepId, cancel) : 0;
                case "list":
                    PrintList(await client.ListSweepsAsync());
                    return 0;
                case "status":
                    PrintStatus(await client.Sweep(Argument(args, "sweep status ID")).GetStatus());
                    return 0;
                case "cancel":
                    await client.Sweep(Argument(args, "sweep cancel ID")).Cancel();
                    return 0;
                case "pause":
                    await client.Sweep(Argument(args, "sweep pause ID")).Pause();
                    return 0;
                case "resume":
                    var id = Argument(args, "sweep resume ID");
                    await client.Sweep(id).Resume();
                    return embedded ? await SweepWatchCommand.WatchAsync(client, id, cancel) : 0;
                default:
                    throw new UsageException($"unknown sweep command '{verb}'");
            }
        }
    }

    internal static string Argument(ParsedArgs args, string usage) =>
        args.Positional.Count > 2 ? args.Positional[2] : throw new UsageException($"usage: minrnn {usage}");

    private static void PrintList(IEnumerable<SweepStatus> sweeps)
    {
        var table = new Table().AddColumns("sweep", "state", "method", "progress", "best val_loss by arch");
        foreach (var s in sweeps)
            table.AddRow(Markup.Escape(s.SweepId), s.State.ToString(), s.Method, $"{s.Finished}/{s.PlannedTrials}",
                Markup.Escape(string.Join(", ", s.BestByArch.Select(p => $"{p.Key} {p.Value:F4}"))));
        AnsiConsole.Write(table);
    }

    private static void PrintStatus(SweepStatus s)
    {
        AnsiConsole.WriteLine($"{s.SweepId} ({s.Name}): {s.State}, {s.Method}, {s.Finished}/{s.PlannedTrials} trials finished");
        foreach (var (state, count) in s.RunsByState.OrderBy(p => p.Key))
            AnsiConsole.WriteLine($"  {state.ToString().ToLowerInvariant()}: {count}");
        foreach (var (arch, best) in s.BestByArch)
            AnsiConsole.WriteLine(string.Format(CultureInfo.InvariantCulture, "  best {0} {1}: {2:F4}", s.Metric, arch, best));
    }
}
