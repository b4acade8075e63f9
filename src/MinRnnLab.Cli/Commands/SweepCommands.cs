using System.CommandLine;
using System.Globalization;
using MinRnnLab.Abstractions;
using MinRnnLab.Cli.Declarations;
using MinRnnLab.Client;
using MinRnnLab.Config;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>`minrnn sweep submit|list|status|cancel|pause|resume`: sweeps on the platform.</summary>
public static class SweepCommands
{
    private static readonly Argument<string> File = SweepFile();
    private static readonly Option<bool> Watch = Declare.Flag("--watch", "stay and draw a progress bar per run until the sweep ends (always, on an embedded platform)");

    public static Command Submit() => OnPlatform(new Command("submit", "submit a sweep (to a running platform, else to an embedded one it starts and watches)")
    {
        File, Watch,
    }, async (parse, client, embedded, cancel) =>
    {
        var file = parse.GetValue(File)!;
        var result = await client.SubmitSweepAsync(BoundedYaml.ReadFile(file, "sweep file"), file);
        if (!result.Accepted)
        {
            foreach (var error in result.Errors)
                parse.InvocationConfiguration.Error.WriteLine(error);
            return 2;
        }
        AnsiConsole.WriteLine($"submitted {result.Status!.SweepId}: {result.Status.PlannedTrials} trials");
        // An embedded platform only trains while this process lives, so stay and watch.
        return embedded || parse.GetValue(Watch) ? await SweepWatchCommand.WatchAsync(client, result.Status.SweepId, cancel) : 0;
    });

    private static readonly Option<string> TagFilter = Declare.Text("--tag", "TAG", "only the sweeps with this tag");

    public static Command List() => OnPlatform(new Command("list", "every sweep: state, method, progress, best by architecture, tags") { TagFilter },
        async (parse, client, _, _) =>
        {
            var tag = parse.GetValue(TagFilter);
            PrintList((await client.ListSweepsAsync()).Where(s => tag is null || s.Labels.HasTag(tag)));
            return 0;
        });

    public static Command Status() => OnSweep("status", "a sweep's progress: runs by state, best by architecture",
        async (id, client, _, _) => PrintStatus(Found(await client.Sweep(id).GetStatus(), id)));

    public static Command Cancel() => OnSweep("cancel", "stop a sweep: its running trials are cancelled, no new ones start",
        async (id, client, _, _) => PrintStatus(Found(await client.Sweep(id).Cancel(), id)));

    public static Command Pause() => OnSweep("pause", "running trials checkpoint and stop, waiting ones leave the queue; no new ones start",
        async (id, client, _, _) => PrintStatus(Found(await client.Sweep(id).Pause(), id)));

    public static Command Resume() => OnSweep("resume", "queue the paused trials again, each from its checkpoint, and start new ones (an embedded platform stays to watch)",
        async (id, client, embedded, cancel) =>
        {
            PrintStatus(Found(await client.Sweep(id).Resume(), id));
            return embedded ? await SweepWatchCommand.WatchAsync(client, id, cancel) : 0;
        });

    /// <summary>A sweep file's path, checked to name a file before anything starts or connects.</summary>
    internal static Argument<string> SweepFile()
    {
        var file = new Argument<string>("FILE") { Description = "the sweep file (YAML; docs/sweep-files.md)" };
        file.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is not { } path)
                return;
            try
            {
                UserFile.Require(path, BoundedYaml.MaxFileBytes, "sweep file");
            }
            catch (ConfigException e)
            {
                result.AddError(e.Message);
            }
        });
        return file;
    }

    /// <summary>The id argument every command on one sweep takes; checked before anything connects.</summary>
    internal static Argument<string> SweepId() => new("ID") { Description = "the sweep's id (sweep list shows them)" };

    /// <summary>
    /// <paramref name="command"/> with the platform options, its action run on the platform those options name: the
    /// client, and whether it is an embedded platform that lives only as long as this process.
    /// </summary>
    internal static Command OnPlatform(Command command, Func<ParseResult, LabClient, bool, CancellationToken, Task<int>> action)
    {
        foreach (var option in LabConnection.ForClient)
            command.Add(option);
        command.SetAction(async (parse, cancel) =>
        {
            var (client, embedded) = await LabConnection.OpenAsync(parse, cancel);
            await using (client)
                return await action(parse, client, embedded, cancel);
        });
        return command;
    }

    private static Command OnSweep(string name, string description, Func<string, LabClient, bool, CancellationToken, Task<int>> action)
    {
        var id = SweepId();
        return OnPlatform(new Command(name, description) { id }, (parse, client, embedded, cancel) =>
            action(parse.GetValue(id)!, client, embedded, cancel));
    }

    /// <summary>The grain's answer, or "no sweep 'X'" (exit 2) when it says there is no such sweep.</summary>
    internal static SweepStatus Found(SweepStatus? status, string sweepId) =>
        status ?? throw new KeyNotFoundException(NotFound.Sweep(sweepId));

    private static void PrintList(IEnumerable<SweepStatus> sweeps)
    {
        var table = new Table().AddColumns("sweep", "state", "method", "progress", "metric", "best by arch", "tags");
        foreach (var s in sweeps)
            table.AddRow(Markup.Escape(s.SweepId), s.State.ToString(), s.Method, Progress(s), s.Metric,
                Markup.Escape(string.Join(", ", s.BestByArch.Select(p => $"{p.Key} {p.Value:F4}"))), Markup.Escape(string.Join(", ", s.Labels.Tags)));
        AnsiConsole.Write(table);
    }

    /// <summary>"5/6 (83%), 2 failed": cancelled trials count as finished, so a cancelled sweep reads 100% once its runs have stopped.</summary>
    internal static string Progress(SweepStatus s) =>
        string.Format(CultureInfo.InvariantCulture, "{0}/{1} ({2:P0}){3}", s.Finished, s.PlannedTrials, s.Progress, s.Failed > 0 ? $", {s.Failed} failed" : "");

    private static int PrintStatus(SweepStatus s)
    {
        AnsiConsole.WriteLine($"{s.SweepId} ({s.DisplayName}): {s.State}, {s.Method}, {Progress(s)} trials finished");
        if (s.Labels.Tags.Length > 0)
            AnsiConsole.WriteLine($"  tags: {string.Join(", ", s.Labels.Tags)}");
        if (s.Labels.Notes.Length > 0)
            AnsiConsole.WriteLine($"  notes: {s.Labels.Notes.ReplaceLineEndings("\n         ")}");
        foreach (var (state, count) in s.RunsByState.OrderBy(p => p.Key))
            AnsiConsole.WriteLine($"  {state.ToConfigName()}: {count}");
        if (s.CancelledBeforeStart > 0)
            AnsiConsole.WriteLine($"  cancelled before starting: {s.CancelledBeforeStart}");
        foreach (var (arch, best) in s.BestByArch)
            AnsiConsole.WriteLine(string.Format(CultureInfo.InvariantCulture, "  best {0} {1}: {2:F4}", s.Metric, arch, best));
        return 0;
    }
}
