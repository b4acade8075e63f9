using MinRnnLab.Config.Benchmarks;
using MinRnnLab.Storage;

namespace MinRnnLab.Cli.Tests;

public sealed class BenchScanCommandTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "minrnn-cli-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task BenchScanWritesATableWithEveryModelAtEveryLength()
    {
        var outDir = Path.Combine(root, "out");
        var exit = await Run(Tiny("--lengths", "8,16", "--out", outDir));

        Assert.Equal(0, exit);
        var csv = File.ReadAllLines(Path.Combine(outDir, "bench-scan.csv"));
        Assert.Equal(1 + 7 * 2, csv.Length);                                            // header + 7 models × 2 lengths
        Assert.Contains(csv, l => l.StartsWith("mamba,16,", StringComparison.Ordinal));
        Assert.Contains("| mingru | 8 |", File.ReadAllText(Path.Combine(outDir, "bench-scan.md")));
        Assert.True(File.Exists(Path.Combine(outDir, "bench-scan.json")));
    }

    [Fact]
    public async Task EachRunIsKeptUnderItsOwnNameInTheLabsBenchmarksFolder()
    {
        Assert.Equal(0, await Run(Tiny("--lengths", "8")));
        Assert.Equal(0, await Run(Tiny("--lengths", "8")));

        var benchmarks = new LabPaths(Path.Combine(root, "data")).BenchmarksFolder;
        var saved = ScanBenchmarkHistory.List(benchmarks);
        Assert.Equal(2, saved.Count);
        Assert.All(saved, s => Assert.Matches(@"^bench-scan-\d{8}-\d{6}(-\d+)?\.json$", Path.GetFileName(s.Path)));
        Assert.Equal(6, Directory.GetFiles(benchmarks).Length);                         // json, csv and md of each run
        var report = ScanBenchmarkReport.FromJson(File.ReadAllText(saved[0].Path));
        Assert.Equal(7, report.Rows.Count);
        Assert.Equal(1, report.Machine!.Threads);
    }

    [Fact]
    public void MalformedLengthsAreAUsageError()
    {
        var malformed = CommandTree.Build().Parse(["bench", "scan", "--lengths", "64,abc"]);
        var repeated = CommandTree.Build().Parse(["bench", "scan", "--lengths", "64, 512,64"]);

        Assert.Equal(["--lengths expects positive integers separated by commas, got '64,abc'"], ParseProblems.Of(malformed));
        Assert.Empty(ParseProblems.Of(repeated));
        Assert.Equal([64, 512], repeated.GetValue<IReadOnlyList<int>>("--lengths"));
    }

    /// <summary>Seconds-long settings, and a lab data folder of the test's own.</summary>
    private string[] Tiny(params string[] more) => ["bench", "scan", "--hidden", "8", "--batch", "2",
        "--reps", "1", "--warmup", "1", "--threads", "1", "--data", Path.Combine(root, "data"), .. more];

    private static Task<int> Run(string[] args) => CommandLine.RunAsync(args, TextWriter.Null, TextWriter.Null, CancellationToken.None);

    public void Dispose()
    {
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }
}
