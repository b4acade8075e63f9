using System.Text.Json;
using MinRnnLab.Abstractions;
using MinRnnLab.Config.Benchmarks;

namespace MinRnnLab.Client;

/// <summary>Saved `minrnn bench scan` results, read on a silo from its data folder: this process needs no access to it.</summary>
public sealed partial class LabClient
{
    private IBenchmarkResultsGrain BenchmarkResults => Cluster.GetGrain<IBenchmarkResultsGrain>(0);

    /// <summary>The silo's data and benchmarks folders and the results saved there, newest first.</summary>
    public Task<ScanBenchmarkListing> ListScanBenchmarksAsync() => BenchmarkResults.ListScanResults();

    /// <summary>
    /// Opens one saved result; a file that cannot be read or parsed comes back with the reason, not an exception.
    /// Throws ArgumentException for a name that is not a saved result's file name.
    /// </summary>
    public async Task<ScanBenchmarkResult> ReadScanBenchmarkAsync(SavedScanBenchmark saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        var file = await BenchmarkResults.ReadScanResult(saved.FileName);
        if (file.Json is null)
            return new ScanBenchmarkResult(saved, null, file.Error ?? "the silo gave no reason");
        try
        {
            return new ScanBenchmarkResult(saved, ScanBenchmarkReport.FromJson(file.Json), null);
        }
        // The silo checked the file; a client of another version can still read the format differently.
        catch (JsonException e)
        {
            return new ScanBenchmarkResult(saved, null, e.Message);
        }
    }
}

/// <summary>A saved `bench scan` run opened: its report, or the reason it could not be read.</summary>
public sealed record ScanBenchmarkResult(SavedScanBenchmark Saved, ScanBenchmarkReport? Report, string? Error);
