using System.CommandLine;
using System.Text.RegularExpressions;
using MinRnnLab.Config;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Cli.Tests;

/// <summary>
/// The README's command table against the help the declarations generate: every command it shows exists, every option
/// it names is in that command's help, and every option in the help is named in the README (the platform options once,
/// in the paragraph under the table; the config keys as `--key value ...`, which must then be every key).
/// </summary>
public partial class ReadmeUsageTests
{
    private static readonly string Readme = File.ReadAllText(Repository.PathOf("README.md"));

    public static TheoryData<string> Usages() => [.. CommandTable().Select(u => u.Replace("\\|", "|", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(Usages))]
    public async Task EveryUsageInTheReadmeMatchesTheCommandsHelp(string usage)
    {
        var (words, rest) = Split(usage);
        var help = await HelpOf(words);

        var usageLine = help.Split('\n').SkipWhile(l => l != "Usage:").ElementAt(1);
        foreach (var placeholder in Placeholder().Matches(OptionWithValue().Replace(rest, "")).Select(m => m.Value))   // FILE, ID, RUN_ID
            Assert.Contains($"<{placeholder}>", usageLine);
        var named = OptionName().Matches(rest).Select(m => m.Value).ToHashSet();
        var declared = help.Split('\n').SkipWhile(l => l != "Options:").Select(l => l.TrimStart())
            .Where(l => l.StartsWith("--", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]).Where(o => o != "--help").ToHashSet();
        var platform = help.Contains("--embedded", StringComparison.Ordinal) ? PlatformOptions() : [];
        var configKeys = named.Remove("--key") ? ConfigKeys.All.Select(k => $"--{k}").ToHashSet() : [];

        Assert.Empty(named.Except(declared));                                           // the README names nothing the command lacks
        Assert.Empty(declared.Except(named).Except(platform).Except(configKeys));       // nor leaves out what it has
        Assert.Empty(platform.Except(declared));
        Assert.Empty(configKeys.Except(declared));
    }

    [Fact]
    public void TheTableShowsEveryCommand()
    {
        var shown = CommandTable().Select(u => string.Join(' ', Split(u).Words)).ToHashSet();
        var declared = Leaves(CommandTree.Build()).Select(c => CommandTree.NameOf(c)["minrnn ".Length..]).ToHashSet();

        Assert.Equal(declared.Order(), shown.Order());
    }

    [Fact]
    public async Task TheProgramsOwnHelpNamesItMinrnn()
    {
        using var process = CliProcess.Start("sweep", "logs", "--help");

        Assert.Equal(0, await process.WaitForExit());
        Assert.Contains("  minrnn sweep logs <RUN_ID> [options]", process.Lines);
    }

    /// <summary>The code spans of the first column of the table under "## Command line".</summary>
    private static IEnumerable<string> CommandTable()
    {
        var section = Readme[Readme.IndexOf("## Command line (`minrnn`)", StringComparison.Ordinal)..];
        foreach (var row in section.Split('\n').Skip(4).TakeWhile(l => l.StartsWith('|')))
        {
            var firstCell = Regex.Split(row, @"(?<!\\)\|")[1];
            foreach (Match span in CodeSpan().Matches(firstCell))
                yield return span.Groups[1].Value;
        }
    }

    /// <summary>The options in the code span of the paragraph that starts "Every `sweep` command".</summary>
    private static HashSet<string> PlatformOptions()
    {
        var paragraph = Readme[Readme.IndexOf("Every `sweep` command", StringComparison.Ordinal)..];
        var options = CodeSpan().Matches(paragraph).First(m => m.Value.Contains("--", StringComparison.Ordinal));
        return OptionName().Matches(options.Value).Select(m => m.Value).ToHashSet();
    }

    /// <summary>"sweep report ID [ID ...]" → (["sweep", "report"], "ID [ID ...]"): the command's words are the tree's.</summary>
    private static (string[] Words, string Tail) Split(string usage)
    {
        var parts = usage.Split(' ');
        Command command = CommandTree.Build();
        var count = 0;
        while (count < parts.Length && command.Subcommands.FirstOrDefault(c => c.Name == parts[count]) is { } sub)
            (command, count) = (sub, count + 1);
        return (parts[..count], string.Join(' ', parts[count..]));
    }

    private static async Task<string> HelpOf(string[] words)
    {
        var output = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync([.. words, "--help"], output, TextWriter.Null, CancellationToken.None));
        return output.ToString().Replace("\r", "", StringComparison.Ordinal);
    }

    private static IEnumerable<Command> Leaves(Command command) => command.Subcommands.Count == 0
        ? [command]
        : command.Subcommands.Where(c => !c.Hidden).SelectMany(Leaves);

    [GeneratedRegex(@"--[a-z][a-z0-9_]*")]
    private static partial Regex OptionName();

    /// <summary>An option with its value (`--out DIR`, `--lengths 64,512,...`): what is left are the arguments.</summary>
    [GeneratedRegex(@"--[a-z][a-z0-9_]*( [^\s\]\[-][^\s\]]*)?")]
    private static partial Regex OptionWithValue();

    [GeneratedRegex(@"\b[A-Z][A-Z_]+\b")]
    private static partial Regex Placeholder();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();
}
