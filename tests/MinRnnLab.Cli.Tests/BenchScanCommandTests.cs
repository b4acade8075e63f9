using MinRnnLab.Cli.Commands;

namespace MinRnnLab.Cli.Tests;

public class BenchScanCommandTests
{
    [Fact]
    public void BenchScanWritesATableWithEveryModelAtEveryLength()
    {
        var outDir = Path.Combine(Path.GetTempPath(), "minrnn-cli-tests", Guid.NewGuid().ToString("N"));
        var args = ParsedArgs.Parse(["bench", "scan", "--hidden", "8", "--batch", "2", "--lengths", "8,16",
            "--reps", "1", "--warmup", "1", "--threads", "1", "--out", outDir]);

        var exit = BenchScanCommand.Run(args);

        Assert.Equal(0, exit);
        var csv = File.ReadAllLines(Path.Combine(outDir, "bench-scan.csv"));
        Assert.Equal(1 + 7 * 2, csv.Length);                                            // header + 7 models × 2 lengths
        Assert.Contains(csv, l => l.StartsWith("mamba,16,", StringComparison.Ordinal));
        Assert.Contains("| mingru | 8 |", File.ReadAllText(Path.Combine(outDir, "bench-scan.md")));
        Assert.True(File.Exists(Path.Combine(outDir, "bench-scan.json")));
        Directory.Delete(outDir, recursive: true);
    }

    [Fact]
    public void MalformedLengthsAreAUsageError()
    {
        Assert.Throws<UsageException>(() => BenchScanCommand.ParsePositiveList("64,abc", "lengths"));
        Assert.Equal([64, 512], BenchScanCommand.ParsePositiveList("64, 512,64", "lengths"));
    }
}
