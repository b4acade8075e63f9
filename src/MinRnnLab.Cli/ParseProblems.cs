using System.CommandLine;
using MinRnnLab.Config;

namespace MinRnnLab.Cli;

/// <summary>What is wrong with a parsed command line, in words that name the option or command and suggest the nearest one.</summary>
public static class ParseProblems
{
    public static IReadOnlyList<string> Of(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var name = CommandTree.NameOf(command);
        var problems = new List<string>();
        // After an unknown option the words that follow are most likely its value: the option is the news.
        var unknownOptions = parse.UnmatchedTokens.Where(t => t.StartsWith('-')).ToList();
        foreach (var token in unknownOptions)
        {
            var option = token.Split('=', ':')[0];
            var hint = Nearest(option, command.Options.Where(o => !o.Hidden).Select(o => o.Name));
            problems.Add($"unknown option '{option}' for '{name}'{hint}");
        }
        if (unknownOptions.Count == 0)
        {
            foreach (var token in parse.UnmatchedTokens)
                problems.Add(command.Subcommands.Count > 0
                    ? $"unknown command '{token}' for '{name}'{Nearest(token, Visible(command))}"
                    : $"unexpected argument '{token}' for '{name}'");
        }
        if (command.Action is null)                                                     // a group: `minrnn sweep`
        {
            if (problems.Count == 0)
                problems.Add($"'{name}' needs a command: {string.Join(", ", Visible(command))}");
        }
        else                                                                            // the library's own, less the unknown words named above
            problems.AddRange(parse.Errors.Select(e => e.Message).Where(m => !parse.UnmatchedTokens.Any(t => m.Contains($"'{t}'", StringComparison.Ordinal))));
        return problems;
    }

    private static IEnumerable<string> Visible(Command group) => group.Subcommands.Where(c => !c.Hidden).Select(c => c.Name);

    private static string Nearest(string word, IEnumerable<string> candidates) =>
        ConfigKeys.Suggest(word, candidates) is { } nearest ? $"; did you mean '{nearest}'?" : "";
}
