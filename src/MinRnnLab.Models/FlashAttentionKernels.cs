using System.Numerics;
using System.Runtime.CompilerServices;
using static MinRnnLab.Models.CpuKernel;
using static TorchSharp.torch;

namespace MinRnnLab.Models;

/// <summary>
/// The row-wise steps of <see cref="FlashAttention"/>, float32, on one tile of scores: G heads × Bq queries × the
/// Tk keys they can see (the tile's last query sees Tk). A row is query i of head bh against keys 0 … Tk−1:
///     forward:  Z_ij = exp(α·S_ij − L_i) · keep_ij / (1 − p) for j ≤ i, 0 after;  L_i = log Σ_{j≤i} exp(α·S_ij)
///     backward: P_ij = exp(α·S_ij − L_i),  Z_ij as above,  dS_ij = α · P_ij · (dZ_ij · keep_ij / (1 − p) − r_i)
/// with r_i = dO_i · O_i (= Σ_j dZ_ij Z_ij, the softmax's row term, dropout included). keep is
/// <see cref="DropoutKernels"/>' hashed mask indexed by the element's place in the (B, nh, T, T) weights that are
/// never made, so the mask is the one <see cref="FusedDropout"/> would draw on them. A tile's rows fit in the
/// cache, so each row is read twice (max, then exponentials) and written once, where the whole weights tensor was
/// a trip through memory per pass. A tile is one thread's work (<see cref="FlashAttention"/> runs tiles in parallel).
/// </summary>
internal static unsafe class FlashAttentionKernels
{
    /// <summary>
    /// Scores S (G, Bq, Tk) → the dropped weights Z in place, and L (BH, T) for the tile's rows. g0 and i0 are the
    /// tile's first head and query; t the sequence length.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(Tensor scores, Tensor logSumExp, long g0, long i0, long t, double alpha, double p, long seed)
    {
        var (rows, queries, keys) = (scores.shape[0] * scores.shape[1], scores.shape[1], scores.shape[2]);
        nint sAt = Address(scores), lAt = Address(logSumExp);
        var dropout = new DropoutFactors(p, seed);
        var a = new Vector<float>((float)alpha);
        for (long row = 0; row < rows; row++)
        {
            var (head, query) = (g0 + row / queries, i0 + row % queries);
            var s = (float*)sAt + row * keys;
            var visible = query + 1;                                                    // keys 0 … i
            // 1. The largest visible α·S, so that no exponential overflows.
            var max = new Vector<float>(float.NegativeInfinity);
            for (long j = 0; j < visible; j += Vector<float>.Count)
            {
                var lanes = Lanes(visible, j);
                max = Vector.Max(max, Vector.ConditionalSelect(Valid(lanes), a * Load(s + j, lanes), new Vector<float>(float.NegativeInfinity)));
            }
            var m = new Vector<float>(HorizontalMax(max));
            // 2. The exponentials, kept in place for now, and their sum.
            var sum = Vector<float>.Zero;
            for (long j = 0; j < visible; j += Vector<float>.Count)
            {
                var lanes = Lanes(visible, j);
                var e = Vector.ConditionalSelect(Valid(lanes), Exp(a * Load(s + j, lanes) - m), Vector<float>.Zero);
                Store(e, s + j, lanes);
                sum += e;
            }
            var total = Vector.Sum(sum);
            ((float*)lAt)[head * t + query] = m[0] + MathF.Log(total);
            // 3. The dropped weights (0 for the future).
            var inverse = new Vector<float>(1 / total);
            var first = (uint)((head * t + query) * t);
            for (long j = 0; j < keys; j += Vector<float>.Count)
            {
                var lanes = Lanes(keys, j);
                var weight = j < visible
                    ? Vector.ConditionalSelect(Valid(Lanes(visible, j)), Load(s + j, lanes) * inverse, Vector<float>.Zero)
                    : Vector<float>.Zero;
                Store(weight * dropout.At(first + (uint)j), s + j, lanes);
            }
        }
    }

    /// <summary>
    /// Scores S → Z in place, and dZ = dO Vᵀ → dL/dS in place, both (G, Bq, Tk), from the forward pass's L and
    /// r = rowsum(dO ⊙ O), both (BH, T).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(Tensor scores, Tensor gradDropped, Tensor logSumExp, Tensor rowDot,
        long g0, long i0, long t, double alpha, double p, long seed)
    {
        var (rows, queries, keys) = (scores.shape[0] * scores.shape[1], scores.shape[1], scores.shape[2]);
        nint sAt = Address(scores), gAt = Address(gradDropped), lAt = Address(logSumExp), rAt = Address(rowDot);
        var dropout = new DropoutFactors(p, seed);
        var a = new Vector<float>((float)alpha);
        for (long row = 0; row < rows; row++)
        {
            var (head, query) = (g0 + row / queries, i0 + row % queries);
            var s = (float*)sAt + row * keys;
            var g = (float*)gAt + row * keys;
            var visible = query + 1;
            var l = new Vector<float>(((float*)lAt)[head * t + query]);
            var r = new Vector<float>(((float*)rAt)[head * t + query]);
            var first = (uint)((head * t + query) * t);
            for (long j = 0; j < keys; j += Vector<float>.Count)
            {
                var lanes = Lanes(keys, j);
                if (j >= visible)
                {
                    Store(Vector<float>.Zero, s + j, lanes);
                    Store(Vector<float>.Zero, g + j, lanes);
                    continue;
                }
                var valid = Valid(Lanes(visible, j));
                var weight = Vector.ConditionalSelect(valid, Exp(a * Load(s + j, lanes) - l), Vector<float>.Zero); // P
                var factor = dropout.At(first + (uint)j);
                Store(weight * factor, s + j, lanes);                                   // Z
                Store(a * weight * (Load(g + j, lanes) * factor - r), g + j, lanes);    // dL/dS
            }
        }
    }

    // The dropout factor keep / (1 − p) of one SIMD vector of elements, from their index in the (B, nh, T, T) weights.
    private readonly struct DropoutFactors(double p, long seed)
    {
        private readonly (uint K1, uint K2) keys = DropoutKernels.Keys(seed, 0);
        private readonly Vector<uint> threshold = new(DropoutKernels.Threshold(p));
        private readonly Vector<float> keepScale = new((float)(1 / (1 - p)));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> At(uint first) => Vector.ConditionalSelect(
            Vector.As<uint, float>(Vector.GreaterThanOrEqual(DropoutKernels.Uniforms(first, keys.K1, keys.K2), threshold)),
            keepScale, Vector<float>.Zero);
    }

    // How many of the next vector's lanes lie before the end.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Lanes(long end, long j) => (int)Math.Min(Vector<float>.Count, end - j);

    // All bits set in the first `lanes` lanes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Valid(int lanes) =>
        Vector.As<int, float>(Vector.LessThan(Vector<int>.Indices, new Vector<int>(lanes)));

    private static float HorizontalMax(Vector<float> v)
    {
        var max = float.NegativeInfinity;
        for (var i = 0; i < Vector<float>.Count; i++)
            max = Math.Max(max, v[i]);
        return max;
    }
}
