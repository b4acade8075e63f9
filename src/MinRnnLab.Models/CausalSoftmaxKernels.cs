using System.Numerics;
using System.Runtime.CompilerServices;
using static MinRnnLab.Models.CpuKernel;
using static TorchSharp.torch;

namespace MinRnnLab.Models;

/// <summary>
/// A causal attention's weights from its raw scores in one pass each way, float32, with dropout on the weights:
///     P_ij = softmax_j(α·S_ij) over j ≤ i (0 for j > i),   D_ij = P_ij · keep_ij / (1 − p)
/// and back, from dL/dD:
///     dP_ij = dL/dD_ij · keep_ij / (1 − p),   dL/dS_ij = α · P_ij · (dP_ij − Σ_k dP_ik · P_ik)
/// keep is <see cref="DropoutKernels"/>' hashed mask, indexed by the element's place in the (B, nh, T, T) tensor, so D
/// is exactly <see cref="FusedDropout"/> applied to the weights. Written out with libtorch ops this was a scale, a
/// masked fill, a softmax and a dropout, each a pass over B·nh·T² elements both ways; here each row is read and
/// written once each way, and the future half of it only written.
/// Shapes: S, P, D and their gradients (B, nh, T, T), contiguous, fewer than 2³² elements (one hash key).
/// </summary>
internal static unsafe class CausalSoftmaxKernels
{
    // Rows per work item.
    private const long RowsPerItem = 64;

    public static void Forward(Tensor scores, Tensor weights, Tensor dropped, double alpha, double p, long seed)
    {
        var length = scores.shape[^1];
        nint sAt = Address(scores), pAt = Address(weights), dAt = Address(dropped);
        var dropout = new DropoutFactors(p, seed);
        var a = new Vector<float>((float)alpha);
        ForEachRow(scores.numel() / length, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (row) =>
        {
            var s = (float*)sAt + row * length;                                         // S[row, 0]
            var w = (float*)pAt + row * length;
            var d = (float*)dAt + row * length;
            var visible = row % length + 1;                                             // keys 0 … i
            // 1. The largest visible α·S, so that no exponential overflows.
            var max = new Vector<float>(float.NegativeInfinity);
            for (long j = 0; j < visible; j += Vector<float>.Count)
            {
                var lanes = Lanes(visible, j);
                var x = a * Load(s + j, lanes);
                max = Vector.Max(max, Vector.ConditionalSelect(Valid(lanes), x, new Vector<float>(float.NegativeInfinity)));
            }
            var m = new Vector<float>(HorizontalMax(max));
            // 2. The exponentials, kept in P for now, and their sum.
            var sum = Vector<float>.Zero;
            for (long j = 0; j < visible; j += Vector<float>.Count)
            {
                var lanes = Lanes(visible, j);
                var e = Exp(a * Load(s + j, lanes) - m);
                e = Vector.ConditionalSelect(Valid(lanes), e, Vector<float>.Zero);
                Store(e, w + j, lanes);
                sum += e;
            }
            // 3. The weights P (0 for the future) and the dropped weights D.
            var inverse = new Vector<float>(1 / Vector.Sum(sum));
            var first = (uint)(row * length);
            for (long j = 0; j < length; j += Vector<float>.Count)
            {
                var lanes = Lanes(length, j);
                var weight = j < visible
                    ? Vector.ConditionalSelect(Valid(Lanes(visible, j)), Load(w + j, lanes) * inverse, Vector<float>.Zero)
                    : Vector<float>.Zero;
                Store(weight, w + j, lanes);
                Store(weight * dropout.At(first + (uint)j), d + j, lanes);
            }
        });
    }

    /// <summary>Writes dL/dS from dL/dD and the weights P the forward pass kept.</summary>
    public static void Backward(Tensor weights, Tensor gradDropped, Tensor gradScores, double alpha, double p, long seed)
    {
        var length = weights.shape[^1];
        nint pAt = Address(weights), gdAt = Address(gradDropped), gsAt = Address(gradScores);
        var dropout = new DropoutFactors(p, seed);
        var a = new Vector<float>((float)alpha);
        ForEachRow(weights.numel() / length, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (row) =>
        {
            var w = (float*)pAt + row * length;                                         // P[row, 0]
            var gd = (float*)gdAt + row * length;
            var gs = (float*)gsAt + row * length;
            var visible = row % length + 1;
            var first = (uint)(row * length);
            // dP = dL/dD ⊙ keep / (1 − p), kept in gs for the second pass; r = Σ dP ⊙ P.
            var dot = Vector<float>.Zero;
            for (long j = 0; j < visible; j += Vector<float>.Count)
            {
                var lanes = Lanes(visible, j);
                var gradWeight = Load(gd + j, lanes) * dropout.At(first + (uint)j);
                Store(gradWeight, gs + j, lanes);
                dot += gradWeight * Load(w + j, lanes);
            }
            var r = new Vector<float>(Vector.Sum(dot));
            for (long j = 0; j < length; j += Vector<float>.Count)
            {
                var lanes = Lanes(length, j);
                var grad = j < visible
                    ? Vector.ConditionalSelect(Valid(Lanes(visible, j)), a * Load(w + j, lanes) * (Load(gs + j, lanes) - r), Vector<float>.Zero)
                    : Vector<float>.Zero;
                Store(grad, gs + j, lanes);
            }
        });
    }

    // body(row) for every row, a work item taking RowsPerItem neighbouring rows.
    private static void ForEachRow(long rows, Action<long> body) =>
        ForEach((rows + RowsPerItem - 1) / RowsPerItem, item =>
        {
            for (var row = item * RowsPerItem; row < Math.Min(rows, (item + 1) * RowsPerItem); row++)
                body(row);
        });

    // The dropout factor keep / (1 − p) of one SIMD vector of elements, from their index in the (B, nh, T, T) tensor.
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
