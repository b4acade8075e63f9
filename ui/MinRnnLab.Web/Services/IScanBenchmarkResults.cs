using MinRnnLab.Training.Benchmarks;

namespace MinRnnLab.Web.Services;

/// <summary>The `minrnn bench scan` runs saved in the lab's benchmarks folder, for the Benchmarks page.</summary>
public interface IScanBenchmarkResults
{
    /// <summary>The lab's data folder: the `--data` the page tells the user to run the benchmark with.</summary>
    string DataFolder { get; }

    /// <summary>Where saved results are read from.</summary>
    string Folder { get; }

    /// <summary>Saved results, newest first; empty when the folder does not exist yet.</summary>
    IReadOnlyList<SavedScanBenchmark> List();

    /// <summary>Opens one saved result; a file that cannot be read or parsed comes back with the reason, not an exception.</summary>
    Task<ScanBenchmarkResult> ReadAsync(SavedScanBenchmark saved, CancellationToken cancel = default);
}

/// <summary>One saved run: its JSON file and when it was saved (UTC).</summary>
public sealed record SavedScanBenchmark(string Path, DateTimeOffset SavedAt)
{
    public string FileName => System.IO.Path.GetFileName(Path);
}

/// <summary>A saved run opened: its report, or the reason it could not be read.</summary>
public sealed record ScanBenchmarkResult(SavedScanBenchmark Saved, ScanBenchmarkReport? Report, string? Error);
