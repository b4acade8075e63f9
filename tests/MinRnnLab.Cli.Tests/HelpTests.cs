using System.Text.Json;
using MinRnnLab.Config;

namespace MinRnnLab.Cli.Tests;

/// <summary>`--help` (or `-h`, or `help` first) on any command prints the help its declaration gives, exits 0 and starts nothing.</summary>
public class HelpTests
{
    public static TheoryData<string> Commands() =>
    [
        "train", "sample", "bench", "bench train", "bench scan", "bench memory", "bench soak", "bench trial",
        "bench orchestration",
        "sweep", "sweep validate", "sweep submit", "sweep list", "sweep runs", "sweep status", "sweep watch", "sweep cancel",
        "sweep pause", "sweep resume", "sweep report", "sweep logs", "sweep tag", "sweep untag", "sweep note", "sweep rename", "serve", "cluster", "keys",
    ];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task HelpOnACommandPrintsItsUsageAndStartsNothing(string command)
    {
        var data = Path.Combine(Path.GetTempPath(), "minrnn-cli-help", Guid.NewGuid().ToString("N"));
        foreach (var help in new[] { "--help", "-h" })
        {
            var (output, errors) = (new StringWriter(), new StringWriter());

            var exit = await CommandLine.RunAsync([.. command.Split(' '), "x", help, "--data", data, "--out", data], output, errors, CancellationToken.None);

            Assert.Equal(0, exit);
            Assert.Equal("", errors.ToString());
            Assert.Contains($"Usage:{Environment.NewLine}  {CommandTree.Build().Name} {command}", output.ToString());   // "minrnn" in its own process
            Assert.False(Directory.Exists(data), $"'{command} {help}' started something: {data} exists");
        }
    }

    [Fact]
    public async Task HelpOnASweepCommandNamesThePlatformOptions()
    {
        var output = await Help("sweep", "report", "--help");

        Assert.Contains("sweep report <ID>... [options]", output);
        foreach (var option in new[] { "--out <DIR>", "--second_target <LOSS>", "--gateway <PORT>", "--embedded", "--data <DIR>",
                     "--artifacts <DIR>", "--silo_port <PORT>", "--pg <CONNECTION>" })
            Assert.Contains(option, output);
    }

    [Fact]
    public async Task HelpAloneOrBeforeACommandPrintsEveryCommand()
    {
        foreach (var args in new[] { new[] { "--help" }, ["help"], ["-h"] })
        {
            var output = await Help(args);
            foreach (var command in new[] { "train", "sample", "bench", "sweep", "serve", "cluster", "keys" })
                Assert.Contains($"  {command} ", output);
            Assert.DoesNotContain("  trial ", output);                                   // the worker's, not for people
        }
        Assert.Contains("sweep submit <FILE> [options]", await Help("help", "sweep", "submit"));
    }

    /// <summary>Every config key, from ConfigKeys and the defaults of a new RunConfig: nothing listed by hand.</summary>
    [Fact]
    public async Task TrainHelpListsEveryConfigKeyWithItsTypeAndDefault()
    {
        var output = await Help("train", "--help");
        var lines = output.Split('\n');
        var defaults = JsonSerializer.SerializeToNode(new RunConfig(), ConfigJson.Options)!;

        foreach (var key in ConfigKeys.All)
        {
            var line = Assert.Single(lines, l => l.TrimStart().StartsWith($"--{key} ", StringComparison.Ordinal));
            Assert.Contains(ConfigKeys.Expected(ConfigKeys.TypeOf(key)), line);
            var stored = defaults["model"]![key] ?? defaults["train"]![key];
            if (stored is not null && stored.ToString() is { Length: > 0 } text)
                Assert.Contains($"[default: {text}]", line);
        }
        Assert.Contains("--n_layer <INT>", output);
        Assert.Contains("model: an integer [default: 6]", output);
        Assert.Contains("--block <CHOICE|auto>", output);
        Assert.Contains("[default: auto]", output);
        Assert.Contains("--resume", output);
        Assert.Contains("--preset <NAME>", output);
    }

    private static async Task<string> Help(params string[] args)
    {
        var output = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(args, output, TextWriter.Null, CancellationToken.None));
        return output.ToString();
    }
}
