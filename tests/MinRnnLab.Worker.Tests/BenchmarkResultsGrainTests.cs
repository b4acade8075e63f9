using System.Text.Json.Nodes;
using MinRnnLab.Abstractions;
using MinRnnLab.Config.Benchmarks;
using MinRnnLab.Hosting;
using MinRnnLab.Storage;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// Saved `bench scan` results are listed and read on the silo, from its data folder, in the files' own format: the
/// command's writer and files saved before machines were recorded read back; a file that is not a report comes back
/// with the reason; a name that could leave the benchmarks folder is refused, the silo unharmed.
/// </summary>
public sealed class BenchmarkResultsGrainTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 29, 3, 15, 0, TimeSpan.Zero);
    private Lab lab = null!;
    private LabPaths paths = null!;

    public async Task InitializeAsync()
    {
        lab = await Lab.StartAsync(executor: ExecutorKind.Noop);
        paths = new LabPaths(lab.Options.DataFolder);
    }

    public async Task DisposeAsync() => await lab.DisposeAsync();

    [Fact]
    public async Task ResultsSavedByTheBenchCommandsWriterAreListedNewestFirstAndReadBackAsTheSameReport()
    {
        var empty = await lab.Client.ListScanBenchmarksAsync();
        Assert.Empty(empty.Saved);
        Assert.False(Directory.Exists(empty.Folder));                                  // a listing creates nothing
        Assert.Equal(paths.BenchmarksFolder, empty.Folder);
        Assert.Equal(paths.DataFolder, empty.DataFolder);

        var report = Report();
        ScanBenchmarkHistory.Save(report, paths.BenchmarksFolder, Morning);
        ScanBenchmarkHistory.Save(report, paths.BenchmarksFolder, Morning.AddHours(1));
        ScanBenchmarkHistory.Save(report, paths.BenchmarksFolder, Morning.AddHours(1));

        var listing = await lab.Client.ListScanBenchmarksAsync();
        Assert.Equal(["bench-scan-20261129-041500-2.json", "bench-scan-20261129-041500.json", "bench-scan-20261129-031500.json"],
            listing.Saved.Select(s => s.FileName));
        Assert.Equal(Morning, listing.Saved[^1].SavedAt);

        var read = await lab.Client.ReadScanBenchmarkAsync(listing.Saved[^1]);
        Assert.Null(read.Error);
        Assert.Equal(report.Rows, read.Report!.Rows);
        Assert.Equal(report.ScanShares, read.Report.ScanShares);
        Assert.Equal(report.Machine, read.Report.Machine);
        Assert.Equal(report.Options.SeqLens, read.Report.Options.SeqLens);
        Assert.Equal(report.Options with { SeqLens = read.Report.Options.SeqLens }, read.Report.Options);
    }

    [Fact]
    public async Task TheCommittedResultAndOneSavedBeforeMachinesWereRecordedStillRead()
    {
        // docs/results/bench-scan.json is what `bench scan` writes today; without "machine", what it wrote before.
        var committed = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docs", "results", "bench-scan.json"));
        var withoutMachine = JsonNode.Parse(committed)!.AsObject();
        Assert.True(withoutMachine.Remove("machine"));
        Write("bench-scan-20261129-031500.json", committed);
        Write("bench-scan-20261128-031500.json", withoutMachine.ToJsonString());

        var listing = await lab.Client.ListScanBenchmarksAsync();
        var today = await lab.Client.ReadScanBenchmarkAsync(listing.Saved[0]);
        var before = await lab.Client.ReadScanBenchmarkAsync(listing.Saved[1]);

        Assert.Null(today.Error);
        Assert.NotNull(today.Report!.Machine);
        Assert.Contains(today.Report.Rows, r => r.Model == "mingru" && r.SpeedupVsLoop is not null);
        Assert.Null(before.Error);
        Assert.Null(before.Report!.Machine);
        Assert.Equal(today.Report.Rows, before.Report.Rows);
    }

    [Theory]
    [InlineData("{ \"options\": { \"batch\": 64, ")]                                   // cut off mid-write
    [InlineData("{ \"options\": { \"batch\": 64 } }")]                                // no rows
    [InlineData("{ \"options\": {}, \"rows\": [null], \"scan_shares\": [] }")]
    [InlineData("null")]
    public async Task AFileThatIsNotAReportComesBackWithTheReasonInsteadOfThrowing(string text)
    {
        Write("bench-scan-20261129-031500.json", text);

        var saved = Assert.Single((await lab.Client.ListScanBenchmarksAsync()).Saved);
        var file = await lab.Client.Cluster.GetGrain<IBenchmarkResultsGrain>(0).ReadScanResult(saved.FileName);
        var read = await lab.Client.ReadScanBenchmarkAsync(saved);

        Assert.Null(file.Json);
        Assert.False(string.IsNullOrWhiteSpace(file.Error));
        Assert.Null(read.Report);
        Assert.Equal(file.Error, read.Error);
    }

    [Fact]
    public async Task AResultDeletedAfterItWasListedComesBackWithTheReason()
    {
        var path = Write("bench-scan-20261129-031500.json", Report().ToJson());
        var saved = Assert.Single((await lab.Client.ListScanBenchmarksAsync()).Saved);
        File.Delete(path);

        var read = await lab.Client.ReadScanBenchmarkAsync(saved);

        Assert.Null(read.Report);
        Assert.False(string.IsNullOrWhiteSpace(read.Error));
    }

    [Fact]
    public async Task NamesThatAreNotASavedResultInTheBenchmarksFolderAreRefusedAndTheSiloStillAnswers()
    {
        // A real report beside the data folder, and one in a folder next to benchmarks/: no name may reach either.
        var json = Report().ToJson();
        File.WriteAllText(Path.Combine(paths.DataFolder, "bench-scan-outside.json"), json);
        Directory.CreateDirectory(Path.Combine(paths.DataFolder, "bench-scan-folder"));
        File.WriteAllText(Path.Combine(paths.DataFolder, "bench-scan-folder", "bench-scan.json"), json);
        Write("bench-scan-20261129-031500.json", json);
        var grain = lab.Client.Cluster.GetGrain<IBenchmarkResultsGrain>(0);

        foreach (var name in new[]
                 {
                     "../bench-scan-outside.json", "bench-scan/../../bench-scan-outside.json", "../bench-scan-folder/bench-scan.json",
                     Path.Combine(paths.DataFolder, "bench-scan-outside.json"), "..\\bench-scan-outside.json",
                     "bench-scan-20261129-031500.csv", "state.db", "..", "", "bench-scan\0.json",
                 })
        {
            var refused = await Assert.ThrowsAsync<ArgumentException>(() => grain.ReadScanResult(name));
            Assert.Contains("not the name of a saved result", refused.Message);
        }
        await Assert.ThrowsAsync<ArgumentException>(() => grain.ReadScanResult(null!));

        var listed = Assert.Single((await lab.Client.ListScanBenchmarksAsync()).Saved);
        Assert.Null((await lab.Client.ReadScanBenchmarkAsync(listed)).Error);
    }

    private string Write(string name, string text)
    {
        Directory.CreateDirectory(paths.BenchmarksFolder);
        var path = Path.Combine(paths.BenchmarksFolder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A small report as `bench scan` builds it: two models at two lengths, one skipped, with a machine.</summary>
    private static ScanBenchmarkReport Report() =>
        new(new ScanBenchmarkOptions { SeqLens = [64, 512], Batch = 4, Hidden = 8, Reps = 2, Threads = 1 },
            [
                new ScanBenchmarkRow("gru-loop", 64, Ms: 4.5, PeakBytes: 65536, Runs: 2, Skipped: false),
                new ScanBenchmarkRow("gru-loop", 512, null, null, 0, Skipped: true, Note: "a shorter length exceeded the case budget"),
                new ScanBenchmarkRow("mingru", 64, Ms: 1.5, PeakBytes: 32768, Runs: 2, Skipped: false, SpeedupVsLoop: 3),
                new ScanBenchmarkRow("mingru", 512, Ms: 6.25, PeakBytes: 262144, Runs: 2, Skipped: false),
            ],
            [new ScanShareRow(64, StepMs: 2, ScanMs: 1, ChunkedScanMs: 1.5)])
        {
            Machine = new BenchmarkMachine(Morning, "Linux test", 16, 1),
        };
}
