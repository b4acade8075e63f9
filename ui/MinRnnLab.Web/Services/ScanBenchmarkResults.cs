using System.Text.Json;
using MinRnnLab.Storage;
using MinRnnLab.Training.Benchmarks;

namespace MinRnnLab.Web.Services;

/// <summary>
/// Reads saved `bench scan` runs straight from the lab's benchmarks folder: they are files the CLI writes, not
/// platform state, so no grain is involved. Files are read on demand; a listing opens none of them, and nothing is
/// created: in client mode the web's data folder holds nothing else.
/// </summary>
public sealed class ScanBenchmarkResults(string dataFolder) : IScanBenchmarkResults
{
    public string DataFolder { get; } = Path.GetFullPath(dataFolder);

    public string Folder { get; } = LabPaths.BenchmarksFolderIn(dataFolder);

    public IReadOnlyList<SavedScanBenchmark> List() =>
        ScanBenchmarkHistory.List(Folder).Select(f => new SavedScanBenchmark(f.Path, f.SavedAt)).ToList();

    public async Task<ScanBenchmarkResult> ReadAsync(SavedScanBenchmark saved, CancellationToken cancel = default)
    {
        try
        {
            var json = await File.ReadAllTextAsync(saved.Path, cancel);
            return new ScanBenchmarkResult(saved, ScanBenchmarkReport.FromJson(json), null);
        }
        // A half-written, hand-edited or deleted file is shown as unreadable; the page stays up.
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return new ScanBenchmarkResult(saved, null, e.Message);
        }
    }
}
