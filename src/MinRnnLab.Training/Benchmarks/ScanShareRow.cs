namespace MinRnnLab.Training.Benchmarks;

/// <summary>
/// How much of a minGRU forward + loss + backward step is the log-space scan: the scan alone (forward and
/// backward of its (B, T, hidden) inputs) against the whole cell step, and the chunked scan for comparison.
/// </summary>
public sealed record ScanShareRow(int SeqLen, double StepMs, double ScanMs, double ChunkedScanMs)
{
    public double Share => ScanMs / StepMs;
}
