using System.CommandLine;
using System.Globalization;
using MinRnnLab.Sweeps;
using MinRnnLab.Config;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn sweep validate FILE`: every error at once as `file:line:column: message` (exit 2),
/// or a summary of what the sweep would run (exit 0). Trains nothing.
/// </summary>
public static class SweepValidateCommand
{
    private const int TrialsShown = 5;

    private static readonly Argument<string> File = SweepCommands.SweepFile();

    public static Command Create()
    {
        var command = new Command("validate", "check a sweep file (every error as file:line:column: message) and list its first trials") { File };
        command.SetAction(parse => Run(parse.GetValue(File)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string path, TextWriter output, TextWriter errors)
    {
        var result = SweepParser.Parse(BoundedYaml.ReadFile(path, "sweep file"), path);
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
                errors.WriteLine(error);
            errors.WriteLine($"{result.Errors.Count} error(s) in {path}");
            return 2;
        }

        var sweep = result.Definition!;
        var count = TrialExpander.Count(sweep);
        var target = sweep.Metric.Target is { } t ? string.Create(CultureInfo.InvariantCulture, $", target {t}") : "";
        output.WriteLine($"{path}: valid");
        output.WriteLine($"sweep {sweep.Name}: {sweep.Method.ToConfigName()} search, {count} trial(s) " +
            $"({sweep.Seeds} seed(s) per configuration), {sweep.Parallel} in parallel, max_restarts {sweep.MaxRestarts}");
        output.WriteLine($"metric: {sweep.Metric.Name} ({sweep.Metric.Goal.ToConfigName()}{target})");
        foreach (var trial in TrialExpander.Expand(sweep).Take(TrialsShown))
        {
            // The seed is shown once, as the trial's: a configuration may set it too.
            var varied = trial.Parameters.Where(p => p.Key != "seed").Select(p => $"{p.Key}={p.Value}").ToList();
            var parameters = varied.Count == 0 ? "(base config)" : string.Join(' ', varied);
            output.WriteLine($"  trial {trial.Index}: {parameters} seed={trial.Seed}");
        }
        if (count > TrialsShown)
            output.WriteLine($"  … and {count - TrialsShown} more");
        return 0;
    }
}
