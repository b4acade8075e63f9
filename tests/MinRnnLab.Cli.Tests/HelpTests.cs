using MinRnnLab.Cli;

namespace MinRnnLab.Cli.Tests;

/// <summary>`--help` (or `-h`) on any command prints its usage, exits 0 and starts nothing.</summary>
public class HelpTests
{
    public static TheoryData<string> Commands() =>
    [
        "train", "sample", "bench", "bench train", "bench scan", "bench memory", "bench soak", "bench trial",
        "bench orchestration",
        "sweep", "sweep validate", "sweep submit", "sweep list", "sweep status", "sweep watch", "sweep cancel",
        "sweep pause", "sweep resume", "sweep report", "sweep logs", "serve", "cluster", "keys",
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
            var lines = output.ToString().Split('\n');
            Assert.StartsWith("usage: minrnn", lines[0]);
            Assert.Contains(lines.Skip(1), line => line.TrimStart().StartsWith(command.Split(' ')[0] + " ", StringComparison.Ordinal));
            Assert.False(Directory.Exists(data), $"'{command} {help}' started something: {data} exists");
        }
    }

    [Fact]
    public async Task HelpOnASubcommandShowsItsOwnLine()
    {
        var output = new StringWriter();

        Assert.Equal(0, await CommandLine.RunAsync(["sweep", "report", "--help"], output, TextWriter.Null, CancellationToken.None));

        var lines = output.ToString().TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains("sweep report ID [ID ...] [--out DIR]", lines[1]);
    }

    [Fact]
    public async Task HelpAloneOrBeforeACommandPrintsEverything()
    {
        foreach (var args in new[] { new[] { "--help" }, ["help"], ["-h"] })
        {
            var output = new StringWriter();
            Assert.Equal(0, await CommandLine.RunAsync(args, output, TextWriter.Null, CancellationToken.None));
            Assert.Equal(Usage.Text.TrimEnd(), output.ToString().TrimEnd());
        }
    }
}
