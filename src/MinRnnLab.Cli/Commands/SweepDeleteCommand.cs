using System.CommandLine;
using MinRnnLab.Abstractions;
using MinRnnLab.Cli.Declarations;
using MinRnnLab.Client;
using MinRnnLab.Config;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn sweep delete ID [--yes]`: deletes a sweep, or a run given SWEEP/TRIAL, after asking (or at once with
/// --yes): running trials are cancelled, then files, metrics and state removed; prints the bytes freed. An unknown id
/// is named (exit 2) before anything is asked.
/// </summary>
public static class SweepDeleteCommand
{
    private static readonly Option<bool> Yes = Declare.Flag("--yes", "delete without asking");

    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "a sweep's id (sweep list shows them), or a run's: SWEEP/TRIAL" };
        return SweepCommands.OnPlatform(new Command("delete", "delete a sweep or a run: cancel its running trials, remove its checkpoints, logs, metrics and state") { id, Yes },
            async (parse, client, _, _) =>
            {
                var target = parse.GetValue(id)!;
                var output = parse.InvocationConfiguration.Output;
                var what = await DescribeAsync(client, target);                          // also: an unknown id stops here
                if (!parse.GetValue(Yes) && !Confirmed(output, what))
                {
                    output.WriteLine("nothing deleted");
                    return 0;
                }
                var result = IsRun(target) ? await client.DeleteRunAsync(target) : await client.DeleteSweepAsync(target);
                output.WriteLine($"deleted {what}: {result.Summary} ({result.BytesFreed:N0} bytes)");
                return 0;
            });
    }

    private static bool IsRun(string id) => id.Contains('/', StringComparison.Ordinal);

    private static async Task<string> DescribeAsync(LabClient client, string id)
    {
        if (IsRun(id))
            return await client.Run(id).GetStatus() is { } run ? $"run {id} ({run.State.ToConfigName()})"
                : throw new KeyNotFoundException(NotFound.Run(id));
        var sweep = await client.GetSweepAsync(id);
        return $"sweep {id} ({sweep.Started} run{(sweep.Started == 1 ? "" : "s")}, {sweep.State.ToConfigName()})";
    }

    /// <summary>Asks on the terminal; a closed or redirected input with no answer is a usage error, so a script never deletes by accident.</summary>
    private static bool Confirmed(TextWriter output, string what)
    {
        output.Write($"delete {what} with its checkpoints, logs and metrics? This cannot be undone. [y/N] ");
        output.Flush();
        var answer = Console.In.ReadLine() ?? throw new UsageException("no answer on standard input; pass --yes to delete without asking");
        return answer.Trim().ToLowerInvariant() is "y" or "yes";
    }
}
