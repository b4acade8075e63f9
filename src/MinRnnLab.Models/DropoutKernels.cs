using System.Numerics;
using System.Runtime.CompilerServices;
using static MinRnnLab.Models.CpuKernel;
using static TorchSharp.torch;

namespace MinRnnLab.Models;

/// <summary>
/// Dropout as one pass over a contiguous CPU tensor, y_i = x_i · keep_i / (1 − p) (a dropped NaN stays NaN, as in
/// libtorch, since it is multiplied by 0 rather than replaced), with keep_i = [u_i ≥ p·2³²] and
/// u_i a uniform 32-bit number hashed from the draw's seed and the element's index. The mask is a function of
/// (seed, i) alone: nothing is stored for the backward pass, which hashes the same numbers again, and neither the
/// thread count nor the split into work items changes it. libtorch draws its mask with bernoulli_, which took
/// 7.5 ns an element on one thread (0.74 ms for a (12, 64, 128) activation); this takes a few instructions per SIMD
/// vector of elements.
/// The hash is two rounds of Wellons' lowbias32 (a bijection of 32-bit words with full avalanche), keyed by the two
/// halves of the seed: u_i = H(H(i + k₁) ⊕ k₂). The second round keeps two draws' masks from being shifted copies of
/// each other. Indices past 2³² start a new key (<see cref="Keys"/>), so no element of a large tensor repeats another's.
/// </summary>
internal static unsafe class DropoutKernels
{
    // Elements per work item: a power of two, so no item straddles a multiple of 2³².
    private const long Chunk = 1 << 16;

    /// <summary>dst = src ⊙ mask / (1 − p), for the forward pass (src = x) and the backward pass (src = dL/dy).</summary>
    public static void Apply<T>(Tensor src, Tensor dst, double p, long seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var count = src.numel();
        nint srcAt = Address(src), dstAt = Address(dst);
        var threshold = Threshold(p);
        var scale = T.CreateChecked(1 / (1 - p));
        ForEach((count + Chunk - 1) / Chunk, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (item) =>
        {
            var start = item * Chunk;
            var end = Math.Min(count, start + Chunk);
            var (k1, k2) = Keys(seed, start);
            var from = (T*)srcAt;
            var to = (T*)dstAt;
            var i = start;
            if (typeof(T) == typeof(float))
            {
                var (kept, vectorScale, zero) = (new Vector<uint>(threshold), new Vector<float>(float.CreateChecked(scale)), Vector<float>.Zero);
                var lanes = Vector<uint>.Count;
                for (; i + lanes <= end; i += lanes)
                {
                    var keep = Vector.As<uint, float>(Vector.GreaterThanOrEqual(Uniforms((uint)i, k1, k2), kept));
                    (Vector.Load((float*)from + i) * Vector.ConditionalSelect(keep, vectorScale, zero)).Store((float*)to + i);
                }
            }
            for (; i < end; i++)
                to[i] = from[i] * (Uniform((uint)i, k1, k2) >= threshold ? scale : T.Zero);
        });
    }

    /// <summary>The threshold u must reach to keep an element: p · 2³², so that P(u ≥ threshold) = 1 − p to within 2⁻³².</summary>
    internal static uint Threshold(double p) => (uint)Math.Min(uint.MaxValue, Math.Round(p * 4294967296.0));

    /// <summary>The two hash keys for the elements from <paramref name="start"/> on (up to the next multiple of 2³²).</summary>
    internal static (uint K1, uint K2) Keys(long seed, long start)
    {
        var key = (ulong)seed ^ ((ulong)(start >> 32) * 0x9E3779B97F4A7C15);
        return ((uint)key, (uint)(key >> 32));
    }

    /// <summary>u for the element at <paramref name="index"/> (its low 32 bits; the keys carry the rest).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Uniform(uint index, uint k1, uint k2) => Hash(Hash(index + k1) ^ k2);

    /// <summary>u for the elements at <paramref name="first"/>, first + 1, … (one SIMD vector of them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<uint> Uniforms(uint first, uint k1, uint k2) =>
        Hash(Hash(new Vector<uint>(first + k1) + Vector<uint>.Indices) ^ new Vector<uint>(k2));

    /// <summary>Wellons' lowbias32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(uint x)
    {
        x ^= x >> 16;
        x *= 0x7feb352d;
        x ^= x >> 15;
        x *= 0x846ca68b;
        return x ^ (x >> 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<uint> Hash(Vector<uint> x)
    {
        x ^= Vector.ShiftRightLogical(x, 16);
        x *= new Vector<uint>(0x7feb352d);
        x ^= Vector.ShiftRightLogical(x, 15);
        x *= new Vector<uint>(0x846ca68b);
        return x ^ Vector.ShiftRightLogical(x, 16);
    }
}
