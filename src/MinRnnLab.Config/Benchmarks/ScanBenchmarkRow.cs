namespace MinRnnLab.Config.Benchmarks;

/// <summary>
/// One (model, T) cell of the table. Ms is the mean forward + loss + backward time; null when skipped.
/// Speedups are baseline ms / this ms; MemoryRatioVsLoop is this peak / the loop baseline's peak.
/// </summary>
public sealed record ScanBenchmarkRow(
    string Model,
    int SeqLen,
    double? Ms,
    long? PeakBytes,
    int Runs,
    bool Skipped,
    double? SpeedupVsLoop = null,
    double? SpeedupVsFused = null,
    double? MemoryRatioVsLoop = null,
    string? Note = null);
