using System.Numerics;
using System.Runtime.CompilerServices;
using static MinRnnLab.Models.CpuKernel;
using static TorchSharp.torch;

namespace MinRnnLab.Models;

/// <summary>
/// The minGRU / minLSTM recurrence fused into one pass over the projection's output, in linear space:
///     minGRU  (k = [k_z, k_h]):      a = σ(−k_z) = 1 − z, z = σ(k_z)
///     minLSTM (k = [k_f, k_i, k_h]): a = f' = σ(−d), z = i' = σ(d), d = softplus(−k_f) − softplus(−k_i)
///     h_t = a_t ⊙ h_{t-1} + z_t ⊙ g(k_h,t)
/// Both cells have a + z = 1, so dL/dz = δ ⊙ (g − h_{t-1}) and the backward shares one reverse recurrence,
/// δ_t = dL/dh_t + a_{t+1} ⊙ δ_{t+1}. Work is split over (sequence, block of one SIMD vector of channels); each
/// work item walks time with its state in a register. Gates are recomputed in the backward pass from k, so the
/// only saved activations are k and h.
/// Shapes: k (B, T, (gates + 1)·H), h and dL/dh (B, T, H), h_0 (B, H); all contiguous.
/// </summary>
internal static unsafe class MinRnnKernels
{
    public static void Forward<T>(Tensor k, Tensor? h0, Tensor h, int gates) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shape = new Shape(h, gates, Vector<T>.Count);
        nint kAt = Address(k), h0At = h0 is null ? 0 : Address(h0), hAt = Address(h);
        ForEach(shape.Items, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (item) =>
        {
            var (b, j, lanes) = shape.Block(item);
            var kRow = (T*)kAt + b * shape.Length * shape.KWidth + j;                    // k[b, 0, j]
            var hRow = (T*)hAt + b * shape.Length * shape.Hidden + j;                    // h[b, 0, j]
            var state = h0At == 0 ? Vector<T>.Zero : Load((T*)h0At + b * shape.Hidden + j, lanes);
            for (long t = 0; t < shape.Length; t++)
            {
                var kt = kRow + t * shape.KWidth;
                var (a, z) = Gates<T>(kt, shape.Hidden, gates, lanes);
                var (candidate, _) = G(Load(kt + gates * shape.Hidden, lanes));
                state = a * state + z * candidate;
                Store(state, hRow + t * shape.Hidden, lanes);
            }
        });
    }

    /// <summary>Writes dL/dk into gradK and, when h_0 was given, dL/dh_0 = a_0 ⊙ δ_0 into gradH0.</summary>
    public static void Backward<T>(Tensor k, Tensor h, Tensor? h0, Tensor gradH, Tensor gradK, Tensor? gradH0, int gates)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shape = new Shape(h, gates, Vector<T>.Count);
        nint kAt = Address(k), hAt = Address(h), h0At = h0 is null ? 0 : Address(h0);
        nint gradHAt = Address(gradH), gradKAt = Address(gradK), gradH0At = gradH0 is null ? 0 : Address(gradH0);
        ForEach(shape.Items, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (item) =>
        {
            var (b, j, lanes) = shape.Block(item);
            var kRow = (T*)kAt + b * shape.Length * shape.KWidth + j;
            var gradKRow = (T*)gradKAt + b * shape.Length * shape.KWidth + j;
            var hRow = (T*)hAt + b * shape.Length * shape.Hidden + j;
            var gradHRow = (T*)gradHAt + b * shape.Length * shape.Hidden + j;
            var start = h0At == 0 ? Vector<T>.Zero : Load((T*)h0At + b * shape.Hidden + j, lanes);
            var carry = Vector<T>.Zero;                                                  // a_{t+1} ⊙ δ_{t+1}
            for (var t = shape.Length - 1; t >= 0; t--)
            {
                var delta = Load(gradHRow + t * shape.Hidden, lanes) + carry;            // δ_t
                var kt = kRow + t * shape.KWidth;
                var gkt = gradKRow + t * shape.KWidth;
                var hPrev = t > 0 ? Load(hRow + (t - 1) * shape.Hidden, lanes) : start;
                var (candidate, slope) = G(Load(kt + gates * shape.Hidden, lanes));
                var (a, z) = GateGradients(kt, gkt, shape.Hidden, gates, lanes, delta * (candidate - hPrev));
                Store(delta * z * slope, gkt + gates * shape.Hidden, lanes);
                carry = a * delta;
            }
            if (gradH0At != 0)
                Store(carry, (T*)gradH0At + b * shape.Hidden + j, lanes);
        });
    }

    // (a, z) for one block of channels at one step.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<T> A, Vector<T> Z) Gates<T>(T* kt, long hidden, int gates, int lanes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (gates == 1)
        {
            var (z, oneMinusZ, _) = Sigmoids(Load(kt, lanes));
            return (oneMinusZ, z);
        }
        var (fPrime, iPrime, _, _) = NormalizedGates(Load(kt, lanes), Load(kt + hidden, lanes));
        return (fPrime, iPrime);
    }

    /// <summary>
    /// Writes dL/d(gate pre-activations) from gradZ = dL/dz and returns (a, z). minGRU: dz/dk_z = z(1 − z).
    /// minLSTM: z = σ(d) with d = log i − log f, so dz/dd = z·a, dd/dk_f = −σ(−k_f), dd/dk_i = σ(−k_i); with P, Q
    /// from <see cref="NormalizedGates"/>, z·a·σ(−k_f) = a·e^{−k_f−m}/(P + Q) and z·a·σ(−k_i) = z·e^{−k_i−m}/(P + Q).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<T> A, Vector<T> Z) GateGradients<T>(T* kt, T* gkt, long hidden, int gates, int lanes, Vector<T> gradZ)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (gates == 1)
        {
            var (z, a, _) = Sigmoids(Load(kt, lanes));
            Store(gradZ * z * a, gkt, lanes);
            return (a, z);
        }
        var (fPrime, iPrime, forgetShare, inputShare) = NormalizedGates(Load(kt, lanes), Load(kt + hidden, lanes));
        Store(-gradZ * fPrime * forgetShare, gkt, lanes);
        Store(gradZ * iPrime * inputShare, gkt + hidden, lanes);
        return (fPrime, iPrime);
    }

    /// <summary>
    /// minLSTM's normalised gates f' = f / (f + i), i' = i / (f + i) with f = σ(k_f), i = σ(k_i), from three
    /// exponentials that cannot overflow: with m = max(−k_f, −k_i, 0), P = e^{−m} + e^{−k_f−m} = e^{−m} / f and
    /// Q = e^{−m} + e^{−k_i−m} = e^{−m} / i, so f' = Q / (P + Q) and i' = P / (P + Q). One of the three exponents is 0,
    /// so P + Q ≥ 1: neither f + i (which underflows when both k are very negative) nor a logarithm is formed.
    /// Also returns e^{−k_f−m} / (P + Q) and e^{−k_i−m} / (P + Q) for the backward pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<T> FPrime, Vector<T> IPrime, Vector<T> ForgetShare, Vector<T> InputShare) NormalizedGates<T>(
        Vector<T> kF, Vector<T> kI) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = Vector.Max(Vector.Max(-kF, -kI), Vector<T>.Zero);
        var (common, forget, input) = (Exp(-m), Exp(-kF - m), Exp(-kI - m));
        var (p, q) = (common + forget, common + input);
        var r = Vector<T>.One / (p + q);
        return (q * r, p * r, forget * r, input * r);
    }

    /// <summary>g(x) = x + 0.5 for x ≥ 0, σ(x) below (see <see cref="LogSpaceScan.G"/>), and g'(x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<T> Value, Vector<T> Slope) G<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (sigmoid, sigmoidOfMinus, _) = Sigmoids(x);
        var nonNegative = Vector.GreaterThanOrEqual(x, Vector<T>.Zero);
        return (Vector.ConditionalSelect(nonNegative, x + Splat<T>(0.5), sigmoid),
            Vector.ConditionalSelect(nonNegative, Vector<T>.One, sigmoid * sigmoidOfMinus));
    }

    // Sizes, and which (sequence, channel block) a work item is.
    private readonly struct Shape(Tensor h, int gates, int width)
    {
        public long Length { get; } = h.shape[1];
        public long Hidden { get; } = h.shape[2];
        public long KWidth { get; } = (gates + 1) * h.shape[2];
        private long Blocks => (Hidden + width - 1) / width;
        public long Items => h.shape[0] * Blocks;

        public (long B, long J, int Lanes) Block(long item)
        {
            var j = item % Blocks * width;
            return (item / Blocks, j, (int)Math.Min(width, Hidden - j));
        }
    }
}
