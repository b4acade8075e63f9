using MinRnnLab.Abstractions;
using MinRnnLab.Storage;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn sweep logs RUN_ID [--lines N] [--data DIR] [--artifacts DIR]`: the last lines of a run's log. Read
/// straight from the artifacts folder, so a run with a log needs no running platform and works on any machine
/// sharing it. Only without a log is the platform asked whether the run exists: an unknown run is an error
/// ("no run 'X'", exit 2), a known one that has not started yet just has no log (exit 1).
/// </summary>
public static class SweepLogsCommand
{
    public static async Task<int> RunAsync(ParsedArgs args, TextWriter output, TextWriter errors, CancellationToken cancel)
    {
        var runId = SweepCommands.Argument(args, "sweep logs RUN_ID [--lines N] [--data DIR] [--artifacts DIR]");
        var paths = new LabPaths(LabConnection.Options(args).DataFolder, args.Get("artifacts"));
        var file = paths.RunLogFile(runId);
        var lines = RunLog.Tail(file, args.GetInt("lines", 500));
        if (lines.Length == 0)
        {
            if (!await RunExists(args, runId, cancel))
                throw new KeyNotFoundException(NotFound.Run(runId));
            errors.WriteLine($"no log yet for run {runId} (looked for {file})");
            return 1;
        }
        foreach (var line in lines)
            output.WriteLine(line);
        return 0;
    }

    /// <summary>Asks the platform (running, or embedded on the data folder): a run exists once a sweep created it.</summary>
    private static async Task<bool> RunExists(ParsedArgs args, string runId, CancellationToken cancel)
    {
        var (client, _) = await LabConnection.OpenAsync(args, cancel);
        await using (client)
            return await client.Run(runId).GetSpec() is not null;
    }
}
