using MinRnnLab.Client;
using MinRnnLab.Config.Benchmarks;
using MinRnnLab.Hosting;
using MinRnnLab.Worker;
using MinRnnLab.Storage;
using MinRnnLab.Tests.Shared;
using MinRnnLab.Training.Benchmarks;
using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.Components;

/// <summary>
/// A real platform (one silo, no training) on a throwaway data folder whose `bench scan` results are saved by the
/// command's own writer (<see cref="ScanBenchmarkHistory.Save"/>), so the files the page reads, through the silo as
/// in the app, cannot drift from the real ones.
/// </summary>
public sealed class BenchmarkLab : IAsyncDisposable
{
    private BenchmarkLab(LabOptions options, LabClient client) => (Options, Client) = (options, client);

    public LabOptions Options { get; }
    public LabClient Client { get; }
    public LabPaths Paths => new(Options.DataFolder);

    public static async Task<BenchmarkLab> StartAsync()
    {
        var options = new LabOptions
        {
            DataFolder = Path.Combine(Path.GetTempPath(), "minrnn-web-tests", Guid.NewGuid().ToString("N")),
            CorpusPath = TestCorpus.FilePath,
            Devices = ["cpu"],
            SiloPort = FreePort.Next(),
            GatewayPort = FreePort.Next(),
            Executor = ExecutorKind.Noop,
        };
        return new BenchmarkLab(options, await LabClient.StartEmbeddedAsync(options));
    }

    /// <summary>The models the benchmark measures, in its order.</summary>
    public static IReadOnlyList<string> Models => ScanBenchmark.DefaultCases.Select(c => c.Name).ToList();

    public string Save(ScanBenchmarkReport report, DateTimeOffset savedAt) =>
        ScanBenchmarkHistory.Save(report, Paths.BenchmarksFolder, savedAt)[0];

    /// <summary>Writes a file by hand into the benchmarks folder, for contents the writer would never produce.</summary>
    public string WriteFile(string name, string text)
    {
        Directory.CreateDirectory(Paths.BenchmarksFolder);
        var path = Path.Combine(Paths.BenchmarksFolder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>
    /// Every default model at each length, with speedups and memory ratios against its baselines worked out as
    /// the benchmark does; the GRU loop is skipped at the longest length, as when it runs over budget on a CPU.
    /// </summary>
    public static ScanBenchmarkReport Report(params int[] lengths)
    {
        var options = new ScanBenchmarkOptions { SeqLens = lengths, Batch = 4, Hidden = 8, Reps = 2, Threads = 1 };
        var longest = lengths.Max();
        var measured = ScanBenchmark.DefaultCases
            .SelectMany((c, i) => lengths.Select(t => c.Name == "gru-loop" && lengths.Length > 1 && t == longest
                ? new ScanBenchmarkRow(c.Name, t, null, null, 0, Skipped: true, Note: "a shorter length exceeded the case budget")
                : new ScanBenchmarkRow(c.Name, t, Ms: (i + 1) * t / 64.0, PeakBytes: (i + 1) * t * 1024L, Runs: 2, Skipped: false)))
            .ToList();
        var rows = ScanBenchmark.WithSpeedups(measured, ScanBenchmark.DefaultCases);
        var shares = lengths.Select(t => new ScanShareRow(t, StepMs: t / 32.0, ScanMs: t / 64.0, ChunkedScanMs: t / 48.0)).ToList();
        return new ScanBenchmarkReport(options, rows, shares)
        {
            Machine = new BenchmarkMachine(new DateTimeOffset(2026, 11, 29, 3, 15, 0, TimeSpan.Zero), "Linux test", 16, 1),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        try { Directory.Delete(Options.DataFolder, recursive: true); } catch (IOException) { }
    }
}
