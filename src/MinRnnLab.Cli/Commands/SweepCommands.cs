using System.Globalization;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>`minrnn sweep submit|list|status|cancel|pause|resume`: sweeps on the platform.</summary>
public static class SweepCommands
{
    public static async Task<int> RunAsync(ParsedArgs args, CancellationToken cancel)
    {
        var verb = args.Positional[1];
        // Read before connecting: a FIFO or a huge file is refused at once, before an embedded platform starts.
        var yaml = verb == "submit" ? BoundedYaml.ReadFile(Argument(args, "sweep submit FILE"), "sweep file") : null;
        var (client, embedded) = await LabConnection.OpenAsync(args, cancel);
        await using (client)
        {
            switch (verb)
            {
                case "submit":
                    var result = await client.SubmitSweepAsync(yaml!, Argument(args, "sweep submit FILE"));
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
                    var statusOf = Argument(args, "sweep status ID");
                    PrintStatus(Found(await client.Sweep(statusOf).GetStatus(), statusOf));
                    return 0;
                case "cancel":
                    var cancelled = Argument(args, "sweep cancel ID");
                    PrintStatus(Found(await client.Sweep(cancelled).Cancel(), cancelled));
                    return 0;
                case "pause":
                    var paused = Argument(args, "sweep pause ID");
                    PrintStatus(Found(await client.Sweep(paused).Pause(), paused));
                    return 0;
                case "resume":
                    var id = Argument(args, "sweep resume ID");
                    PrintStatus(Found(await client.Sweep(id).Resume(), id));
                    return embedded ? await SweepWatchCommand.WatchAsync(client, id, cancel) : 0;
                default:
                    throw new UsageException($"unknown sweep command '{verb}'");
            }
        }
    }

    /// <summary>The grain's answer, or "no sweep 'X'" (exit 2) when it says there is no such sweep.</summary>
    internal static SweepStatus Found(SweepStatus? status, string sweepId) =>
        status ?? throw new KeyNotFoundException(NotFound.Sweep(sweepId));

    internal static string Argument(ParsedArgs args, string usage) =>
        args.Positional.Count > 2 ? args.Positional[2] : throw new UsageException($"usage: minrnn {usage}");

    private static void PrintList(IEnumerable<SweepStatus> sweeps)
    {
        var table = new Table().AddColumns("sweep", "state", "method", "progress", "best val_loss by arch");
        foreach (var s in sweeps)
            table.AddRow(Markup.Escape(s.SweepId), s.State.ToString(), s.Method, Progress(s),
                Markup.Escape(string.Join(", ", s.BestByArch.Select(p => $"{p.Key} {p.Value:F4}"))));
        AnsiConsole.Write(table);
    }

    /// <summary>"5/6 (83%), 2 failed": cancelled trials count as finished, so a cancelled sweep reads 100% once its runs have stopped.</summary>
    internal static string Progress(SweepStatus s) =>
        string.Format(CultureInfo.InvariantCulture, "{0}/{1} ({2:P0}){3}", s.Finished, s.PlannedTrials, s.Progress, s.Failed > 0 ? $", {s.Failed} failed" : "");

    private static void PrintStatus(SweepStatus s)
    {
        AnsiConsole.WriteLine($"{s.SweepId} ({s.Name}): {s.State}, {s.Method}, {Progress(s)} trials finished");
        foreach (var (state, count) in s.RunsByState.OrderBy(p => p.Key))
            AnsiConsole.WriteLine($"  {state.ToString().ToLowerInvariant()}: {count}");
        if (s.CancelledBeforeStart > 0)
            AnsiConsole.WriteLine($"  cancelled before starting: {s.CancelledBeforeStart}");
        foreach (var (arch, best) in s.BestByArch)
            AnsiConsole.WriteLine(string.Format(CultureInfo.InvariantCulture, "  best {0} {1}: {2:F4}", s.Metric, arch, best));
    }
}
