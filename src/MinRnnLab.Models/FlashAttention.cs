using static TorchSharp.torch;

namespace MinRnnLab.Models;

/// <summary>
/// Causal attention with dropout on the weights, tiled in the manner of flash attention, on a CPU in float32:
///     O = dropout(softmax(α·Q Kᵀ, the future masked)) V
/// q, k, v, O (BH, T, hs), contiguous. The (BH, T, T) weights are never made: the heads are taken G at a time and the
/// queries Bq at a time, and a tile's scores against the keys its queries can see, (G, Bq, ≤ T), are one batched
/// matmul, one pass of <see cref="FlashAttentionKernels"/> (mask, softmax, hashed dropout) and one more matmul with V.
/// A tile holds every key its rows see, so each row's softmax is exact in one visit and no running rescale of O is
/// needed; the tile is sized to stay in the cache (<see cref="TileFloats"/>). Only L = log Σ exp(α·S) per row is kept;
/// the backward pass recomputes the tile's scores from it, as flash attention does. Keys past a tile's last query are
/// never multiplied: about (1 + Bq/T)/2 of the full products' work.
/// <para>
/// Each group of G heads is one work item on libtorch's threads (<see cref="CpuKernel.ForEach"/>), whose matmuls run
/// on that thread alone: one parallel region each way instead of one per op and tile, whose hand-offs between
/// threads cost more than the tile's work on a busy host (25 s against 2 s forward + backward on one thread, 2 cores
/// at load 30). A group's tiles run in order, so the backward pass can add into its dK and dV without locks.
/// </para>
/// </summary>
internal static class FlashAttention
{
    /// <summary>Queries per tile: with T a multiple of it, the diagonal tiles waste Bq/2 of each row's keys.</summary>
    public const long QueryTile = 64;

    /// <summary>Scores per tile, 512 KB of float32: a tile's scores and their gradient stay in a core's L2.</summary>
    public const long TileFloats = 128 * 1024;

    /// <summary>Heads per tile at sequence length t.</summary>
    public static long HeadsPerTile(long t) => Math.Max(1, TileFloats / (QueryTile * t));

    /// <summary>Writes O and L (BH, T).</summary>
    public static void Forward(Tensor q, Tensor k, Tensor v, Tensor output, Tensor logSumExp, double alpha, double p, long seed)
    {
        var (heads, t) = (q.shape[0], q.shape[1]);
        var group = HeadsPerTile(t);
        ForEachGroup(heads, group, g0 =>
        {
            var g = Math.Min(group, heads - g0);
            for (long i0 = 0; i0 < t; i0 += QueryTile)
            {
                using var scope = NewDisposeScope();                                    // the tile's temporaries
                var (rows, seen) = (Math.Min(QueryTile, t - i0), Math.Min(t, i0 + QueryTile));
                var scores = q.narrow(0, g0, g).narrow(1, i0, rows).bmm(k.narrow(0, g0, g).narrow(1, 0, seen).transpose(1, 2)); // (G, Bq, Tk)
                FlashAttentionKernels.Forward(scores, logSumExp, g0, i0, t, alpha, p, seed);                                  // → Z
                output.narrow(0, g0, g).narrow(1, i0, rows).copy_(scores.bmm(v.narrow(0, g0, g).narrow(1, 0, seen)));         // (G, Bq, hs)
            }
        });
    }

    /// <summary>
    /// Writes dQ and adds to dK, dV (zeros on entry), all (BH, T, hs), from dO and the forward pass's O and L.
    /// Per tile: S = Q Kᵀ and dZ = dO Vᵀ again, the kernel turns them into Z and dS, then dV += Zᵀ dO,
    /// dQ = dS K, dK += dSᵀ Q.
    /// </summary>
    public static void Backward(Tensor q, Tensor k, Tensor v, Tensor output, Tensor logSumExp, Tensor gradOutput,
        Tensor gradQ, Tensor gradK, Tensor gradV, double alpha, double p, long seed)
    {
        var (heads, t) = (q.shape[0], q.shape[1]);
        var group = HeadsPerTile(t);
        using var rowDot = gradOutput.mul(output).sum(-1);                              // (BH, T): r = dO · O
        ForEachGroup(heads, group, g0 =>
        {
            var g = Math.Min(group, heads - g0);
            for (long i0 = 0; i0 < t; i0 += QueryTile)
            {
                using var scope = NewDisposeScope();
                var (rows, seen) = (Math.Min(QueryTile, t - i0), Math.Min(t, i0 + QueryTile));
                var (qTile, gradOutputTile) = (q.narrow(0, g0, g).narrow(1, i0, rows), gradOutput.narrow(0, g0, g).narrow(1, i0, rows)); // (G, Bq, hs)
                var (kSeen, vSeen) = (k.narrow(0, g0, g).narrow(1, 0, seen), v.narrow(0, g0, g).narrow(1, 0, seen));                     // (G, Tk, hs)
                var scores = qTile.bmm(kSeen.transpose(1, 2));                          // (G, Bq, Tk)
                var gradScores = gradOutputTile.bmm(vSeen.transpose(1, 2));             // dZ, (G, Bq, Tk)
                FlashAttentionKernels.Backward(scores, gradScores, logSumExp, rowDot, g0, i0, t, alpha, p, seed); // → Z, dS
                gradV.narrow(0, g0, g).narrow(1, 0, seen).add_(scores.transpose(1, 2).bmm(gradOutputTile), Scalars.One);
                gradQ.narrow(0, g0, g).narrow(1, i0, rows).copy_(gradScores.bmm(kSeen));
                gradK.narrow(0, g0, g).narrow(1, 0, seen).add_(gradScores.transpose(1, 2).bmm(qTile), Scalars.One);
            }
        });
    }

    // body(first head) for each group of heads, in parallel. Autograd's mode is per thread, and libtorch's threads
    // have it on: without no_grad a tile's matmul of inputs that require a gradient would record a graph.
    private static void ForEachGroup(long heads, long group, Action<long> body) =>
        CpuKernel.ForEach((heads + group - 1) / group, item =>
        {
            using var noGrad = no_grad();
            body(item * group);
        });
}
