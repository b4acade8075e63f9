using System.Text.Json;
using MinRnnLab.Abstractions;
using MinRnnLab.Config.Benchmarks;
using MinRnnLab.Storage;
using Orleans.Concurrency;

namespace MinRnnLab.Grains;

/// <summary>
/// Lists and reads the `bench scan` results in this silo's data folder. A stateless worker: activations are local to
/// the silo that receives the call. It trusts no caller: a name is checked before any path is built from it, and a
/// file that is not a report (half-written, hand-edited, huge, deleted) comes back with the reason, not an exception.
/// </summary>
[StatelessWorker]
public sealed class BenchmarkResultsGrain(LabPaths paths) : Grain, IBenchmarkResultsGrain
{
    /// <summary>Far above a real result (tens of KiB), far below a grain message's limit.</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    // The file work runs on the thread pool, off the grain scheduler.
    public Task<ScanBenchmarkListing> ListScanResults() => Task.Run(() => new ScanBenchmarkListing(
        paths.DataFolder,
        paths.BenchmarksFolder,
        ScanBenchmarkHistory.List(paths.BenchmarksFolder)
            .Select(f => new SavedScanBenchmark(Path.GetFileName(f.Path), f.SavedAt))
            .ToArray()));

    public Task<ScanBenchmarkFile> ReadScanResult(string fileName)
    {
        var path = ScanBenchmarkHistory.PathOf(paths.BenchmarksFolder, fileName);
        return Task.Run(async () =>
        {
            try
            {
                if (new FileInfo(path).Length > MaxFileBytes)
                    return new ScanBenchmarkFile(fileName, null, $"the file is larger than {MaxFileBytes / 1048576} MiB; a saved result is far smaller");
                var json = await File.ReadAllTextAsync(path);
                ScanBenchmarkReport.FromJson(json);                                     // checked here: callers get a report or the reason
                return new ScanBenchmarkFile(fileName, json, null);
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
            {
                return new ScanBenchmarkFile(fileName, null, e.Message);
            }
        });
    }
}
