using MinRnnLab.Abstractions;
using MinRnnLab.Client;

namespace MinRnnLab.Web.Services;

/// <summary>The `minrnn bench scan` runs saved in the lab's benchmarks folder (on a silo), for the Benchmarks page.</summary>
public interface IScanBenchmarkResults
{
    /// <summary>The silo's data and benchmarks folders and the results saved there, newest first.</summary>
    Task<ScanBenchmarkListing> ListAsync();

    /// <summary>Opens one saved result; a file that cannot be read or parsed comes back with the reason, not an exception.</summary>
    Task<ScanBenchmarkResult> ReadAsync(SavedScanBenchmark saved);
}
