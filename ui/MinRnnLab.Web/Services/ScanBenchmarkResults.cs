using MinRnnLab.Abstractions;
using MinRnnLab.Client;

namespace MinRnnLab.Web.Services;

/// <summary>
/// Saved `bench scan` runs, read by a silo from its data folder (IBenchmarkResultsGrain), so the web in client mode
/// shows them without a mount; in embedded mode the co-hosted silo answers through the same calls.
/// </summary>
public sealed class ScanBenchmarkResults(IClusterClient cluster) : IScanBenchmarkResults
{
    private readonly LabClient lab = LabClient.ForCluster(cluster);

    public Task<ScanBenchmarkListing> ListAsync() => lab.ListScanBenchmarksAsync();

    public Task<ScanBenchmarkResult> ReadAsync(SavedScanBenchmark saved) => lab.ReadScanBenchmarkAsync(saved);
}
