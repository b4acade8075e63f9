using MinRnnLab.Cli.Commands;

namespace MinRnnLab.Cli.Tests;

public sealed class BenchTrainCommandTests : IDisposable
{
    private static readonly string Corpus = MinRnnLab.Tests.Shared.TestCorpus.Folder;
    private readonly string outDir = Path.Combine(Path.GetTempPath(), "minrnn-cli-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task SeveralArchitecturesAreMeasuredInOneTableAgainstTheFirst()
    {
        var exit = await BenchTrainCommand.RunAsync(Tiny("--arch", "transformer, mingru", "--rounds", "2"), CancellationToken.None);

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
        Assert.Equal(0, await BenchTrainCommand.RunAsync(Tiny("--arch", "minlstm"), CancellationToken.None));

        Assert.True(File.Exists(Path.Combine(outDir, "train-minlstm.csv")));
    }

    [Theory]
    [InlineData("--iters", "x", "--iters expects an integer")]
    [InlineData("--rounds", "0", "--rounds must be at least 1")]
    [InlineData("--warmup", "-1", "--warmup expects a count of 0 or more")]
    [InlineData("--arch", "mingru,mingru", "names an architecture twice")]
    public async Task BadCountsAndListsAreUsageErrorsBeforeAnythingRuns(string key, string value, string message)
    {
        var args = Tiny(key, value, "--data_path", Path.Combine(outDir, "no-such-corpus"));

        var error = await Assert.ThrowsAsync<UsageException>(() => BenchTrainCommand.RunAsync(args, CancellationToken.None));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task AnUnknownArchitectureInTheListIsNamed()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            BenchTrainCommand.RunAsync(Tiny("--arch", "mingru,rwkv"), CancellationToken.None));

        Assert.Contains("rwkv", error.Message);
    }

    private ParsedArgs Tiny(params string[] more) => ParsedArgs.Parse(["bench", "train", "--preset", "tiny",
        "--iters", "1", "--warmup", "0", "--threads", "1", "--data_path", Corpus, "--out", outDir, .. more]);

    public void Dispose()
    {
        if (Directory.Exists(outDir))
            Directory.Delete(outDir, recursive: true);
    }
}
