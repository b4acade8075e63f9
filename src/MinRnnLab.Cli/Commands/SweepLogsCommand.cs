using System.CommandLine;
using MinRnnLab.Abstractions;
using MinRnnLab.Cli.Declarations;
using MinRnnLab.Worker.Artifacts;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn sweep logs RUN_ID [--lines N]`: the last lines of a run's log, read by the artifact grain on the silo that
/// holds the run's files (a client never reads a silo's disk). An unknown run is an error ("no run 'X'", exit 2); a
/// known one that has not started yet just has no log (exit 1).
/// </summary>
public static class SweepLogsCommand
{
    private static readonly Argument<string> RunId = new("RUN_ID") { Description = "the run's id: SWEEP/TRIAL" };
    // The artifact grain's own bound, checked here before anything connects.
    private static readonly Option<int> Lines = Declare.Count("--lines", "how many of the last lines", 500, maximum: ArtifactGrain.MaxLogLines);

    public static Command Create() => SweepCommands.OnPlatform(
        new Command("logs", "the last lines of a run's log: evaluations, checkpoints, resumes, waits, failures") { RunId, Lines },
        async (parse, client, _, _) =>
        {
            var runId = parse.GetValue(RunId)!;
            var lines = await client.ReadLogTailAsync(runId, parse.GetValue(Lines)) ?? throw new KeyNotFoundException(NotFound.Run(runId));
            if (lines.Length == 0)
            {
                parse.InvocationConfiguration.Error.WriteLine($"no log yet for run {runId}");
                return 1;
            }
            foreach (var line in lines)
                parse.InvocationConfiguration.Output.WriteLine(line);
            return 0;
        });
}
