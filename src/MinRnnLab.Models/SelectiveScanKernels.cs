using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using static MinRnnLab.Models.CpuKernel;
using static TorchSharp.torch;

namespace MinRnnLab.Models;

/// <summary>
/// Mamba's selective scan as one CPU pass each way, never forming a (B, L, D, N) tensor:
///     h_t[n] = exp(Δ_t A[n]) h_{t-1}[n] + Δ_t x_t B_t[n]        y_t = Σ_n C_t[n] h_t[n]
/// A work item is one sequence and one SIMD vector of channels d, whose N states live in a small local array
/// for the whole sequence; B_t[n] and C_t[n] are shared by all channels, so they are broadcast scalars.
/// The forward pass also keeps the state at the start of every chunk of <c>chunk</c> steps; the backward pass
/// walks the chunks last to first, recomputes one chunk's states and decays from its saved start into a
/// buffer of chunk·N vectors, then runs the reverse recurrence δ_t = C_t dL/dy_t + exp(Δ_{t+1} A) δ_{t+1}.
/// With <c>softplus</c> the kernels are handed Mamba's Δ before its softplus and take it at each load (and σ of it for
/// dL/dΔ), where libtorch made three passes over (B, L, D) each way for it.
/// With a <see cref="Gate"/> they also take Mamba's output gate: the forward pass stores (y + D ⊙ x) ⊙ SiLU(z) instead
/// of y, and the backward pass, handed dL/d(that), recomputes y_t from the chunk's states it holds anyway (N FMAs per
/// step) for dL/dz, and sums dL/dD per sequence: four libtorch passes over (B, L, D) forward and more backward, and
/// the (B, L, D) tensors they kept, become loads of z and one store.
/// Shapes (all contiguous): x, Δ, y (B, L, D); Aᵀ (N, D); B, C (B, L, N); start states (B, blocks, chunks, N, W).
/// </summary>
internal static unsafe class SelectiveScanKernels
{
    // Channel blocks per backward work item: dL/dB and dL/dC sum over channels, so each group writes its own
    // partial sum; a fixed group size keeps the summation order, and so the result, independent of thread count.
    private const int BlocksPerGroup = 8;

    /// <summary>Number of elements of the start-state buffer <see cref="Forward{T}"/> fills.</summary>
    public static long StartStateCount(long batch, long channels, long states, long length, int chunk, int width) =>
        batch * Blocks(channels, width) * Chunks(length, chunk) * states * width;

    /// <summary>Mamba's output gate taken in the scan's store: skip gains D (D) and gate inputs z (B, L, D).</summary>
    public readonly record struct Gate(Tensor Skip, Tensor Z);

    public static void Forward<T>(Tensor x, Tensor delta, Tensor aT, Tensor b, Tensor c, Gate? gate, Tensor y, Tensor starts,
        int chunk, bool softplus) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = new Sizes(x, aT, chunk, Vector<T>.Count);
        nint xAt = Address(x), deltaAt = Address(delta), aAt = Address(aT), bAt = Address(b), cAt = Address(c);
        nint yAt = Address(y), startsAt = Address(starts);
        var (skipAt, zAt) = Addresses(gate);
        ForEach(x.shape[0] * s.Blocks, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (item) =>
        {
            var (batch, block) = (item / s.Blocks, item % s.Blocks);
            var (d, lanes) = s.Channels(block);
            var decayRates = stackalloc Vector<T>[s.States];                             // A[d, n] for this block
            var h = stackalloc Vector<T>[s.States];
            var skip = zAt == 0 ? Vector<T>.Zero : Load((T*)skipAt + d, lanes);
            for (var n = 0; n < s.States; n++)
            {
                decayRates[n] = Load((T*)aAt + n * s.Width + d, lanes);
                h[n] = Vector<T>.Zero;
            }
            var start = (Vector<T>*)((T*)startsAt) + item * s.Chunks * s.States;
            for (long t = 0; t < s.Length; t++)
            {
                if (t % chunk == 0)
                    new Span<Vector<T>>(h, s.States).CopyTo(new Span<Vector<T>>(start + t / chunk * s.States, s.States));
                var row = batch * s.Length + t;
                var dt = Delta(Load((T*)deltaAt + row * s.Width + d, lanes), softplus);
                var xt = Load((T*)xAt + row * s.Width + d, lanes);
                var input = dt * xt;
                var bt = (T*)bAt + row * s.States;
                var ct = (T*)cAt + row * s.States;
                var output = Vector<T>.Zero;
                for (var n = 0; n < s.States; n++)
                {
                    h[n] = Exp(dt * decayRates[n]) * h[n] + input * new Vector<T>(bt[n]);
                    output += h[n] * new Vector<T>(ct[n]);
                }
                if (zAt != 0)
                    output = MultiplyAdd(skip, xt, output) * SiLU(Load((T*)zAt + row * s.Width + d, lanes));
                Store(output, (T*)yAt + row * s.Width + d, lanes);
            }
        });
    }

    /// <summary>
    /// Gradients of Σ y ⊙ gradY: into gradX, gradDelta (B, L, D); gradAT (B, N, D), one partial sum per sequence;
    /// gradB, gradC (B, groups, L, N), one partial sum per group of channel blocks; with a gate, gradY is the gated
    /// output's and the gate's gradients go to gradSkip (B, D), one partial sum per sequence, and gradZ (B, L, D).
    /// A work item is one group: it walks the chunks last to first, and within each chunk every block of the group in turn.
    /// </summary>
    public static void Backward<T>(Tensor x, Tensor delta, Tensor aT, Tensor b, Tensor c, Gate? gate, Tensor starts, Tensor gradY,
        Tensor gradX, Tensor gradDelta, Tensor gradAT, Tensor gradB, Tensor gradC, Gate? gradGate, int chunk, bool softplus)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (skipAt, zAt) = Addresses(gate);
        var (gradSkipAt, gradZAt) = Addresses(gradGate);
        var s = new Sizes(x, aT, chunk, Vector<T>.Count);
        nint xAt = Address(x), deltaAt = Address(delta), aAt = Address(aT), bAt = Address(b), cAt = Address(c);
        nint startsAt = Address(starts), gradYAt = Address(gradY), gradXAt = Address(gradX);
        nint gradDeltaAt = Address(gradDelta), gradAAt = Address(gradAT), gradBAt = Address(gradB), gradCAt = Address(gradC);
        var groups = Groups(s.Blocks);
        var chunkLength = (int)Math.Min(chunk, s.Length);
        ForEach(x.shape[0] * groups, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (item) =>
        {
            var (batch, group) = (item / groups, item % groups);
            var (firstBlock, lastBlock) = (group * BlocksPerGroup, Math.Min(s.Blocks, (group + 1) * BlocksPerGroup));
            var blocks = (int)(lastBlock - firstBlock);
            var stateVectors = blocks * s.States;                                        // per (block of the group, n)
            var decayRates = stackalloc Vector<T>[stateVectors];
            var carry = stackalloc Vector<T>[stateVectors];                              // exp(Δ_{t+1} A) δ_{t+1}
            var gradRates = stackalloc Vector<T>[stateVectors];                          // dL/dA
            var gradSkips = stackalloc Vector<T>[blocks];                                // dL/dD of this sequence
            for (var block = 0; block < blocks; block++)
            {
                var (d, lanes) = s.Channels(firstBlock + block);
                for (var n = 0; n < s.States; n++)
                {
                    decayRates[block * s.States + n] = Load((T*)aAt + n * s.Width + d, lanes);
                    carry[block * s.States + n] = gradRates[block * s.States + n] = Vector<T>.Zero;
                }
                gradSkips[block] = Vector<T>.Zero;
            }
            var pool = ArrayPool<Vector<T>>.Shared;
            var chunkStates = pool.Rent((chunkLength + 1) * s.States);                   // h before and after each step
            var chunkDecays = pool.Rent(chunkLength * s.States);
            // dL/dB_t[n] and dL/dC_t[n] of the chunk, summed over the group's blocks lane by lane, and only then
            // across the lanes: one horizontal sum per (t, n) and group instead of one per block.
            var chunkGradB = pool.Rent(chunkLength * s.States);
            var chunkGradC = pool.Rent(chunkLength * s.States);
            var gradBGroup = (T*)gradBAt + item * s.Length * s.States;                  // (L, N) of this group
            var gradCGroup = (T*)gradCAt + item * s.Length * s.States;
            try
            {
                fixed (Vector<T>* h = chunkStates, decay = chunkDecays, gradBLanes = chunkGradB, gradCLanes = chunkGradC)
                {
                    for (var k = s.Chunks - 1; k >= 0; k--)
                    {
                        long first = k * chunk, steps = Math.Min(chunk, s.Length - first);
                        new Span<Vector<T>>(gradBLanes, (int)steps * s.States).Clear();
                        new Span<Vector<T>>(gradCLanes, (int)steps * s.States).Clear();
                        for (var block = 0; block < blocks; block++)
                        {
                            var (d, lanes) = s.Channels(firstBlock + block);
                            var rates = decayRates + block * s.States;
                            var start = (Vector<T>*)((T*)startsAt) + (batch * s.Blocks + firstBlock + block) * s.Chunks * s.States;
                            new Span<Vector<T>>(start + k * s.States, s.States).CopyTo(new Span<Vector<T>>(h, s.States));
                            // 1. Recompute the chunk: h[i + 1] is the state after step first + i, decay[i] its exp(Δ A).
                            for (var i = 0; i < steps; i++)
                            {
                                var row = batch * s.Length + first + i;
                                var dt = Delta(Load((T*)deltaAt + row * s.Width + d, lanes), softplus);
                                var input = dt * Load((T*)xAt + row * s.Width + d, lanes);
                                var bt = (T*)bAt + row * s.States;
                                for (var n = 0; n < s.States; n++)
                                {
                                    var e = decay[i * s.States + n] = Exp(dt * rates[n]);
                                    h[(i + 1) * s.States + n] = e * h[i * s.States + n] + input * new Vector<T>(bt[n]);
                                }
                            }
                            // 2. Reverse recurrence through the chunk.
                            var blockCarry = carry + block * s.States;
                            var blockGradRates = gradRates + block * s.States;
                            var skip = zAt == 0 ? Vector<T>.Zero : Load((T*)skipAt + d, lanes);
                            for (var i = steps - 1; i >= 0; i--)
                            {
                                var row = batch * s.Length + first + i;
                                var raw = Load((T*)deltaAt + row * s.Width + d, lanes);
                                var dt = Delta(raw, softplus);
                                var xt = Load((T*)xAt + row * s.Width + d, lanes);
                                var gy = Load((T*)gradYAt + row * s.Width + d, lanes);
                                var input = dt * xt;
                                var bt = (T*)bAt + row * s.States;
                                var ct = (T*)cAt + row * s.States;
                                var (gx, gd) = (Vector<T>.Zero, Vector<T>.Zero);
                                if (zAt != 0)
                                {
                                    // dL/dz from y_t + D x_t, recomputed; gy becomes dL/dy_t and D x_t's share goes to x.
                                    var output = Vector<T>.Zero;
                                    for (var n = 0; n < s.States; n++)
                                        output += h[(i + 1) * s.States + n] * new Vector<T>(ct[n]);
                                    var zt = Load((T*)zAt + row * s.Width + d, lanes);
                                    Store(gy * MultiplyAdd(skip, xt, output) * SiLUSlope(zt), (T*)gradZAt + row * s.Width + d, lanes);
                                    gy *= SiLU(zt);
                                    gradSkips[block] = MultiplyAdd(gy, xt, gradSkips[block]);
                                    gx = gy * skip;
                                }
                                for (var n = 0; n < s.States; n++)
                                {
                                    var bn = new Vector<T>(bt[n]);
                                    var dh = blockCarry[n] + gy * new Vector<T>(ct[n]);            // δ_t = dL/dh_t
                                    gradCLanes[i * s.States + n] += gy * h[(i + 1) * s.States + n];
                                    var gradExponent = dh * h[i * s.States + n] * decay[i * s.States + n]; // dL/d(Δ_t A)
                                    gd += gradExponent * rates[n] + dh * xt * bn;
                                    blockGradRates[n] += gradExponent * dt;
                                    gradBLanes[i * s.States + n] += dh * input;
                                    gx += dh * dt * bn;
                                    blockCarry[n] = dh * decay[i * s.States + n];
                                }
                                Store(gx, (T*)gradXAt + row * s.Width + d, lanes);
                                Store(softplus ? gd * Sigmoids(raw).Sigmoid : gd, (T*)gradDeltaAt + row * s.Width + d, lanes); // dsoftplus/dx = σ(x)
                            }
                        }
                        for (var i = 0; i < steps * s.States; i++)
                        {
                            gradBGroup[first * s.States + i] = Vector.Sum(gradBLanes[i]);
                            gradCGroup[first * s.States + i] = Vector.Sum(gradCLanes[i]);
                        }
                    }
                }
            }
            finally
            {
                pool.Return(chunkStates);
                pool.Return(chunkDecays);
                pool.Return(chunkGradB);
                pool.Return(chunkGradC);
            }
            for (var block = 0; block < blocks; block++)
            {
                var (d, lanes) = s.Channels(firstBlock + block);
                for (var n = 0; n < s.States; n++)
                    Store(gradRates[block * s.States + n], (T*)gradAAt + (batch * s.States + n) * s.Width + d, lanes);
                if (gradSkipAt != 0)
                    Store(gradSkips[block], (T*)gradSkipAt + batch * s.Width + d, lanes);
            }
        });
    }

    private static (nint Skip, nint Z) Addresses(Gate? gate) => gate is { } g ? (Address(g.Skip), Address(g.Z)) : (0, 0);

    // Δ as the recurrence uses it: the input itself, or its softplus when the kernel takes Mamba's Δ before it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Delta<T>(Vector<T> input, bool softplus) where T : unmanaged, IFloatingPointIeee754<T> =>
        softplus ? Softplus(input) : input;

    /// <summary>Partial-sum groups per sequence in <see cref="Backward{T}"/>'s dL/dB and dL/dC buffers.</summary>
    public static long Groups(long channels, int width) => Groups(Blocks(channels, width));

    private static long Groups(long blocks) => (blocks + BlocksPerGroup - 1) / BlocksPerGroup;

    private static long Blocks(long channels, int width) => (channels + width - 1) / width;

    private static long Chunks(long length, int chunk) => (length + chunk - 1) / chunk;

    private readonly struct Sizes(Tensor x, Tensor aT, int chunk, int lanes)
    {
        public long Length { get; } = x.shape[1];
        public long Width { get; } = x.shape[2];                                        // channels D
        public int States { get; } = (int)aT.shape[0];                                  // N
        public long Blocks { get; } = SelectiveScanKernels.Blocks(x.shape[2], lanes);
        public long Chunks { get; } = SelectiveScanKernels.Chunks(x.shape[1], chunk);

        public (long D, int Lanes) Channels(long block) => (block * lanes, (int)Math.Min(lanes, Width - block * lanes));
    }
}
