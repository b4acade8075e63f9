using MinRnnLab.Storage;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn sweep logs RUN_ID [--lines N] [--data DIR] [--artifacts DIR]`: the last lines of a run's log. Read
/// straight from the artifacts folder, so it needs no running platform and works on any machine sharing it.
/// </summary>
public static class SweepLogsCommand
{
    public static int Run(ParsedArgs args, TextWriter output, TextWriter errors)
    {
        var runId = SweepCommands.Argument(args, "sweep logs RUN_ID [--lines N] [--data DIR] [--artifacts DIR]");
        var paths = new LabPaths(LabConnection.Options(args).DataFolder, args.Get("artifacts"));
        var file = paths.RunLogFile(runId);
        var lines = RunLog.Tail(file, args.GetInt("lines", 500));
        if (lines.Length == 0)
        {
            errors.WriteLine($"no log yet for run {runId} (looked for {file})");
            return 1;
        }
        foreach (var line in lines)
            output.WriteLine(line);
        return 0;
    }
}
