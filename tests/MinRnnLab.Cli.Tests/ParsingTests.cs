using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Cli.Tests;

/// <summary>The command line is checked whole, against the declarations, before anything starts or connects.</summary>
public sealed class ParsingTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "minrnn-cli-parsing", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("sweep logs x/0 --line 10", "unknown option '--line' for 'minrnn sweep logs'; did you mean '--lines'?")]
    [InlineData("bench scan --lenghts 8", "unknown option '--lenghts' for 'minrnn bench scan'; did you mean '--lengths'?")]
    [InlineData("sweep sumbit f.yaml", "unknown command 'sumbit' for 'minrnn sweep'; did you mean 'submit'?")]
    [InlineData("sweep list --gatway=30000", "unknown option '--gatway' for 'minrnn sweep list'; did you mean '--gateway'?")]
    [InlineData("sweep", "'minrnn sweep' needs a command: validate, submit, list, runs, status, watch, cancel, pause, resume, report, logs, tag, untag, note, rename")]
    public async Task UnknownWordsAreErrorsThatSuggestTheNearestName(string line, string message)
    {
        var (exit, errors) = await Run(line);

        Assert.Equal(2, exit);
        Assert.Contains($"error: {message}", errors);
        Assert.False(Directory.Exists(folder), "it started a platform");
    }

    [Theory]
    [InlineData("sweep watch", "Required argument missing")]
    [InlineData("sweep status", "Required argument missing")]
    [InlineData("sweep logs x/0 --lines 0", "--lines must be at least 1, got 0")]
    [InlineData("sweep logs x/0 --lines 9999", "--lines must be at most 5,000, got 9999")]
    [InlineData("sweep report", "Required argument missing")]
    [InlineData("sweep submit --watch no-such-sweep.yaml", "sweep file not found: no-such-sweep.yaml")]   // the flag took no value
    [InlineData("cluster --gateway http", "--gateway expects an integer, got 'http'")]
    [InlineData("bench orchestration --storage postgres", "--storage postgres needs --pg CONNECTION")]
    [InlineData("sample --tokens 10", "Option '--checkpoint' is required.")]
    public async Task BadArgumentsAreErrorsBeforeAnythingStartsOrConnects(string line, string message)
    {
        var (exit, errors) = await Run(line);

        Assert.Equal(2, exit);
        Assert.Contains(message, errors);
        Assert.False(Directory.Exists(folder), "it started a platform");
    }

    [Fact]
    public void AFlagNeverSwallowsTheWordAfterIt()
    {
        var file = Repository.PathOf("sweeps", "tiny.yaml");                           // it must exist: that is checked too

        var parse = CommandTree.Build().Parse(["sweep", "submit", "--watch", file, "--embedded"]);

        Assert.Empty(ParseProblems.Of(parse));
        Assert.Equal(file, parse.GetValue<string>("FILE"));
        Assert.True(parse.GetValue<bool>("--watch"));
        Assert.True(parse.GetValue<bool>("--embedded"));
    }

    [Theory]
    [InlineData("bench train")]
    [InlineData("bench scan")]
    public void BothBenchmarksReadTheirWarmUpAlike(string command)
    {
        var none = CommandTree.Build().Parse([.. command.Split(' '), "--warmup", "0"]);
        var negative = CommandTree.Build().Parse([.. command.Split(' '), "--warmup", "-1"]);

        Assert.Empty(ParseProblems.Of(none));
        Assert.Equal(0, none.GetValue<int>("--warmup"));
        Assert.Equal(["--warmup expects a count of 0 or more, got -1"], ParseProblems.Of(negative));
    }

    [Theory]
    [InlineData("sweep sub", "submit")]
    [InlineData("train --n_lay", "--n_layer")]
    [InlineData("train --arch ming", "mingru")]
    [InlineData("sweep logs x --li", "--lines")]
    public async Task TheSuggestDirectiveCompletesCommandsOptionsAndChoices(string typed, string completion)
    {
        var output = new StringWriter();

        var exit = await CommandLine.RunAsync([$"[suggest:{typed.Length}]", typed], output, TextWriter.Null, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Contains(completion, output.ToString().Split(Environment.NewLine));
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }

    /// <summary>In the test's working folder, with a data folder that must not come to exist, and nothing on the gateway.</summary>
    private async Task<(int Exit, string Errors)> Run(string line)
    {
        var errors = new StringWriter();
        string[] args = [.. line.Split(' ')];
        if (args is ["sweep", "submit" or "list" or "status" or "watch" or "report" or "logs", ..])
            args = [.. args, "--data", folder, "--gateway", $"{FreePort.Next()}", "--silo_port", $"{FreePort.Next()}"];
        var exit = await CommandLine.RunAsync(args, TextWriter.Null, errors, CancellationToken.None);
        return (exit, errors.ToString());
    }
}
