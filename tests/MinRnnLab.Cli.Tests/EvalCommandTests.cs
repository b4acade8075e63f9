using System.Globalization;
using System.Text.RegularExpressions;

namespace MinRnnLab.Cli.Tests;

/// <summary>`minrnn eval`: a checkpoint's validation loss measured again, exactly and as random-batch estimates.</summary>
public partial class EvalCommandTests
{
    private static readonly string Corpus = MinRnnLab.Tests.Shared.TestCorpus.Folder;

    [Fact]
    public async Task TheExactLossOfTheBestCheckpointIsTheBestTrainingMeasuredAndRandomDrawsScatterAroundIt()
    {
        var outDir = Path.Combine(Path.GetTempPath(), "minrnn-cli-tests", Guid.NewGuid().ToString("N"));
        Assert.Equal(0, await CommandLine.RunAsync(["train", "--preset", "tiny", "--arch", "mingru", "--max_iters", "30", "--eval_interval", "10",
            "--eval_mode", "full", "--data_path", Corpus, "--out_dir", outDir], TextWriter.Null, TextWriter.Null, CancellationToken.None));
        var bestDuringTraining = File.ReadAllLines(Path.Combine(outDir, "metrics.csv")).Where(l => l.StartsWith("eval,", StringComparison.Ordinal))
            .Min(l => double.Parse(l.Split(',')[3], CultureInfo.InvariantCulture));
        var output = new StringWriter();

        var exit = await CommandLine.RunAsync(["eval", "--checkpoint", outDir, "--block_sizes", "32,8", "--draws", "3", "--eval_iters", "4",
            "--data_path", Corpus], output, TextWriter.Null, CancellationToken.None);

        Assert.Equal(0, exit);
        var exact = Losses(output.ToString(), "exact");
        Assert.Equal(2, exact.Count);
        Assert.Equal(bestDuringTraining, exact[0], 1e-4);                               // at its own context: what training measured
        var random = Losses(output.ToString(), "random draw");
        Assert.Equal(3, random.Count);
        Assert.Equal(3, random.Distinct().Count());                                     // other batches each draw
        Assert.Contains("random estimates: mean", output.ToString());
        Directory.Delete(outDir, recursive: true);
    }

    [Fact]
    public async Task AContextLongerThanATransformersPositionsIsRefusedNamingBoth()
    {
        var outDir = Path.Combine(Path.GetTempPath(), "minrnn-cli-tests", Guid.NewGuid().ToString("N"));
        Assert.Equal(0, await CommandLine.RunAsync(["train", "--preset", "tiny", "--max_iters", "10", "--eval_interval", "10",
            "--data_path", Corpus, "--out_dir", outDir], TextWriter.Null, TextWriter.Null, CancellationToken.None));
        var errors = new StringWriter();

        var exit = await CommandLine.RunAsync(["eval", "--checkpoint", outDir, "--block_sizes", "64", "--data_path", Corpus],
            TextWriter.Null, errors, CancellationToken.None);

        Assert.NotEqual(0, exit);
        Assert.Contains("a context of 64 does not fit the transformer's 32 positions", errors.ToString());
        Directory.Delete(outDir, recursive: true);
    }

    private static List<double> Losses(string output, string kind) => [.. output.Split('\n')
        .Where(line => line.Contains($": {kind}", StringComparison.Ordinal))
        .Select(line => double.Parse(ValLoss().Match(line).Groups[1].Value, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"val loss (\S+)")]
    private static partial Regex ValLoss();
}
