using MinRnnLab.Tests.Shared;
using MinRnnLab.Training.Benchmarks;

namespace MinRnnLab.Web.Tests.Components;

public sealed class ScanBenchmarkResultsTests : IDisposable
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 29, 3, 15, 0, TimeSpan.Zero);
    private readonly BenchmarkLab lab = new();

    [Fact]
    public async Task AResultSavedByTheBenchCommandsWriterReadsBackAsTheSameRows()
    {
        var report = BenchmarkLab.Report(64, 512, 4096);
        var path = lab.Save(report, Morning);

        var saved = Assert.Single(lab.Results.List());
        var result = await lab.Results.ReadAsync(saved);

        Assert.Equal(path, saved.Path);
        Assert.Equal("bench-scan-20261129-031500.json", saved.FileName);
        Assert.Equal(Morning, saved.SavedAt);
        Assert.Null(result.Error);
        Assert.Equal(report.Rows, result.Report!.Rows);
        Assert.Equal(report.ScanShares, result.Report.ScanShares);
        Assert.Equal(report.Machine, result.Report.Machine);
        Assert.Equal([64, 512, 4096], result.Report.Options.SeqLens);
        Assert.Equal(report.Options with { SeqLens = result.Report.Options.SeqLens }, result.Report.Options);
    }

    [Fact]
    public void ResultsAreListedNewestFirstAndTwoSavesInOneSecondAreBothKept()
    {
        lab.Save(BenchmarkLab.Report(64), Morning);
        lab.Save(BenchmarkLab.Report(64), Morning.AddHours(1));
        lab.Save(BenchmarkLab.Report(64), Morning.AddHours(1));

        var names = lab.Results.List().Select(s => s.FileName).ToList();

        Assert.Equal(["bench-scan-20261129-041500-2.json", "bench-scan-20261129-041500.json", "bench-scan-20261129-031500.json"], names);
    }

    [Theory]
    [InlineData("{ \"options\": { \"batch\": 64, ")]                                   // cut off mid-write
    [InlineData("{ \"options\": { \"batch\": 64 } }")]                                // no rows
    [InlineData("{ \"options\": {}, \"rows\": [null], \"scan_shares\": [] }")]
    [InlineData("null")]
    public async Task AFileThatIsNotAReportComesBackWithTheReasonInsteadOfThrowing(string text)
    {
        lab.WriteFile("bench-scan-20261129-031500.json", text);

        var result = await lab.Results.ReadAsync(Assert.Single(lab.Results.List()));

        Assert.Null(result.Report);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Fact]
    public void WithoutABenchmarksFolderThereAreNoResults()
    {
        Assert.False(Directory.Exists(lab.Results.Folder));
        Assert.Empty(lab.Results.List());
    }

    [Fact]
    public async Task TheCommittedResultsInDocsRead()
    {
        var committed = Path.Combine(Repository.Root, "docs", "results", "bench-scan.json");
        lab.WriteFile("bench-scan.json", File.ReadAllText(committed));

        var result = await lab.Results.ReadAsync(Assert.Single(lab.Results.List()));

        Assert.Null(result.Error);
        Assert.NotNull(result.Report!.Machine);
        Assert.Contains(result.Report.Rows, r => r.Model == "mingru" && r.SpeedupVsLoop is not null);
    }

    [Fact]
    public async Task ResultsSavedBeforeMachinesWereRecordedStillRead()
    {
        // The committed file without its machine: what `bench scan` wrote before machines were recorded.
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "docs", "results", "bench-scan.json")))!.AsObject();
        Assert.True(json.Remove(json.Select(p => p.Key).Single(k => k.Equals("machine", StringComparison.OrdinalIgnoreCase))));
        lab.WriteFile("bench-scan.json", json.ToJsonString());

        var result = await lab.Results.ReadAsync(Assert.Single(lab.Results.List()));

        Assert.Null(result.Error);
        Assert.Null(result.Report!.Machine);
        Assert.Contains(result.Report.Rows, r => r.Model == "mingru" && r.SpeedupVsLoop is not null);
    }

    public void Dispose() => lab.Dispose();
}
