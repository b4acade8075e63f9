namespace MinRnnLab.Abstractions;

/// <summary>
/// The `minrnn bench scan` results saved in a silo's data folder (benchmarks/), listed and read on that silo: a
/// client on another machine (the web UI in client mode) needs no mount. Stateless: the silo that receives the call
/// answers from its own data folder, and calls run side by side.
/// </summary>
public interface IBenchmarkResultsGrain : IGrainWithIntegerKey
{
    /// <summary>Where results are read from and the saved results there, newest first; none when the folder does not exist yet.</summary>
    Task<ScanBenchmarkListing> ListScanResults();

    /// <summary>
    /// The JSON of one saved result, checked to be a report; a file that cannot be read or parsed comes back with the
    /// reason instead. Throws ArgumentException for a name that is not a plain bench-scan*.json file name (no folders,
    /// nothing that could point outside the benchmarks folder).
    /// </summary>
    Task<ScanBenchmarkFile> ReadScanResult(string fileName);
}

/// <summary>One saved `bench scan` run: its JSON file's name in the benchmarks folder and when it was saved (UTC).</summary>
[GenerateSerializer, Immutable, Alias("MinRnnLab.SavedScanBenchmark")]
public sealed record SavedScanBenchmark(
    [property: Id(0)] string FileName,
    [property: Id(1)] DateTimeOffset SavedAt);

/// <summary>
/// The saved runs, newest first, and where they are: <paramref name="DataFolder"/> is the `--data` to run the
/// benchmark with so that its result shows up here, <paramref name="Folder"/> its benchmarks folder (both on the silo).
/// </summary>
[GenerateSerializer, Immutable, Alias("MinRnnLab.ScanBenchmarkListing")]
public sealed record ScanBenchmarkListing(
    [property: Id(0)] string DataFolder,
    [property: Id(1)] string Folder,
    [property: Id(2)] SavedScanBenchmark[] Saved);

/// <summary>
/// One saved run as read: its JSON text when it parsed as a report (the file format is the wire format, so files
/// written by any version of `bench scan` read the same way everywhere), or the reason it could not be read.
/// </summary>
[GenerateSerializer, Immutable, Alias("MinRnnLab.ScanBenchmarkFile")]
public sealed record ScanBenchmarkFile(
    [property: Id(0)] string FileName,
    [property: Id(1)] string? Json,
    [property: Id(2)] string? Error);
