namespace MinRnnLab.Cli.Tests;

public sealed class BenchTrainCommandTests : IDisposable
{
    private static readonly string Corpus = MinRnnLab.Tests.Shared.TestCorpus.Folder;
    private readonly string outDir = Path.Combine(Path.GetTempPath(), "minrnn-cli-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task SeveralArchitecturesAreMeasuredInOneTableAgainstTheFirst()
    {
        var exit = await Run(Tiny("--arch", "transformer, mingru", "--rounds", "2"));

        Assert.Equal(0, exit);
        var csv = File.ReadAllLines(Path.Combine(outDir, "train.csv"));
        Assert.Equal(3, csv.Length);                                                    // header + one row per arch
        Assert.Contains("ratio_to_first,ratio_p10,ratio_p90", csv[0]);
        Assert.StartsWith("Transformer,", csv[1]);
        Assert.StartsWith("MinGru,", csv[2]);
        Assert.True(File.Exists(Path.Combine(outDir, "train.md")) && File.Exists(Path.Combine(outDir, "train.json")));
    }

    [Fact]
    public async Task OneArchitectureKeepsItsOwnFileName()
    {
        Assert.Equal(0, await Run(Tiny("--arch", "minlstm")));

        Assert.True(File.Exists(Path.Combine(outDir, "train-minlstm.csv")));
    }

    [Theory]
    [InlineData("--iters", "x", "--iters expects an integer")]
    [InlineData("--rounds", "0", "--rounds must be at least 1")]
    [InlineData("--warmup", "-1", "--warmup expects a count of 0 or more")]
    [InlineData("--arch", "mingru,mingru", "names an architecture twice")]
    public async Task BadCountsAndListsAreUsageErrorsBeforeAnythingRuns(string key, string value, string message)
    {
        var errors = new StringWriter();

        var exit = await Run(Tiny(key, value, "--data_path", Path.Combine(outDir, "no-such-corpus")), errors);

        Assert.Equal(2, exit);                                                          // not a missing corpus: nothing ran
        Assert.Contains(message, errors.ToString());
    }

    [Fact]
    public async Task AnUnknownArchitectureInTheListIsNamed()
    {
        var errors = new StringWriter();

        Assert.Equal(2, await Run(Tiny("--arch", "mingru,rwkv"), errors));

        Assert.Contains("rwkv", errors.ToString());
    }

    /// <summary>Seconds-long settings; an option in <paramref name="more"/> replaces the one here (an option given twice is an error).</summary>
    private string[] Tiny(params string[] more)
    {
        var options = new Dictionary<string, string>
        {
            ["--preset"] = "tiny", ["--iters"] = "1", ["--warmup"] = "0", ["--threads"] = "1", ["--data_path"] = Corpus, ["--out"] = outDir,
        };
        for (var i = 0; i < more.Length; i += 2)
            options[more[i]] = more[i + 1];
        return ["bench", "train", .. options.SelectMany(o => new[] { o.Key, o.Value })];
    }

    private static Task<int> Run(string[] args, TextWriter? errors = null) =>
        CommandLine.RunAsync(args, TextWriter.Null, errors ?? TextWriter.Null, CancellationToken.None);

    public void Dispose()
    {
        if (Directory.Exists(outDir))
            Directory.Delete(outDir, recursive: true);
    }
}
