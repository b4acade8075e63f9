using MinRnnLab.Models;
using static TorchSharp.torch;

namespace MinRnnLab.Training.Data;

/// <summary>
/// nanoGPT's get_batch: B random windows of T+1 characters; x is the first T, y the last T. Offsets come from
/// a SplitMix64 generator whose whole state is one number, so a checkpoint can store it and a resumed run
/// draws exactly the batches the uninterrupted run would have. Disposable: it owns one small tensor, and the
/// trainer makes a fresh sampler per evaluation, so an undisposed one is a leak per evaluation.
/// </summary>
public sealed class BatchSampler(Tensor data, int batchSize, int blockSize, ulong state) : IDisposable
{
    // Long-lived: detached so a dispose scope around the caller cannot free it.
    private readonly Tensor window = Scalars.Range(blockSize, int64).DetachFromDisposeScope(); // (T,)

    public ulong State { get; set; } = state;

    public static ulong SeedState(long seed, long stream = 0) => unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)stream);

    /// <summary>x, y of shape (B, T) on <paramref name="device"/>; the caller owns (and disposes) them.</summary>
    public (Tensor X, Tensor Y) Next(Device device)
    {
        var maxStart = data.shape[0] - blockSize - 1;
        var starts = new long[batchSize];
        for (var i = 0; i < batchSize; i++)
            starts[i] = (long)(NextUInt64() % (ulong)(maxStart + 1));
        using var offsets = tensor(starts).unsqueeze(1).Plus(window);                    // (B, T)
        var x = data[offsets];
        var y = data[offsets.Plus(Scalars.One)];
        return (x.to(device), y.to(device));
    }

    public void Dispose() => window.Dispose();

    private ulong NextUInt64()
    {
        unchecked
        {
            var z = State += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
