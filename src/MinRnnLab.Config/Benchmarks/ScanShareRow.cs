namespace MinRnnLab.Config.Benchmarks;

/// <summary>
/// How much of a minGRU forward + loss + backward step the parallel log-space scan would be: that scan alone
/// (forward and backward of its (B, T, hidden) inputs) against the whole cell step, and the chunked scan for
/// comparison. On a CPU the cell itself runs the fused kernel (FusedMinRnn), so there the share can exceed 100%:
/// it is what the parallel form would cost.
/// </summary>
public sealed record ScanShareRow(int SeqLen, double StepMs, double ScanMs, double ChunkedScanMs)
{
    public double Share => ScanMs / StepMs;
}
