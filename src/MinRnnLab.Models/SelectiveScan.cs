using static TorchSharp.torch;

namespace MinRnnLab.Models;

/// <summary>
/// Mamba's selective scan, per channel d and state n:
///     h_t = exp(Δ_t A) ⊙ h_{t-1} + Δ_t B_t x_t        y_t = C_t · h_t + D x_t
/// Shapes: x, Δ (B, L, D); A (D, N); B, C (B, L, N); D (D); state h (B, D, N).
/// The (B, L, D, N) products are the memory cost, so training never holds them for the whole sequence:
/// <see cref="Parallel"/> works chunk by chunk and recomputes a chunk in the backward pass instead of
/// keeping its activations (gradient checkpointing at chunk granularity). On a CPU it runs fused kernels that
/// keep each channel's N states in registers (<see cref="SelectiveScanKernels"/>); elsewhere, libtorch ops
/// chunk by chunk (<see cref="Chunked"/>), which are also the fused kernels' reference.
/// </summary>
public static class SelectiveScan
{
    /// <summary>Default chunk length: long enough to amortise per-chunk overhead, short enough that
    /// one chunk's (B, Lc, D, N) recompute graph stays a small fraction of the model's activations.</summary>
    public const int DefaultChunk = 32;

    /// <summary>Training form: y (B, L, D) for the whole sequence from a zero initial state.</summary>
    public static Tensor Parallel(Tensor x, Tensor delta, Tensor A, Tensor B, Tensor C, Tensor D,
        int chunk = DefaultChunk) =>
        Scan(x, delta, A, B, C, D, chunk, Fused(x, delta, A, B, C), softplus: false);

    /// <summary>
    /// <see cref="Parallel"/> with Δ = softplus(<paramref name="deltaBeforeSoftplus"/>), as Mamba computes it: on a
    /// CPU the fused kernels take the softplus as they load Δ, instead of three libtorch passes over (B, L, D) each way.
    /// </summary>
    public static Tensor ParallelWithSoftplus(Tensor x, Tensor deltaBeforeSoftplus, Tensor A, Tensor B, Tensor C, Tensor D,
        int chunk = DefaultChunk) =>
        Fused(x, deltaBeforeSoftplus, A, B, C)
            ? Scan(x, deltaBeforeSoftplus, A, B, C, D, chunk, fused: true, softplus: true)
            : Scan(x, Scalars.Softplus(deltaBeforeSoftplus), A, B, C, D, chunk, fused: false, softplus: false);

    /// <summary>
    /// Mamba's gated output (<see cref="ParallelWithSoftplus"/>) ⊙ SiLU(<paramref name="z"/>), z (B, L, D): on a CPU the
    /// fused kernels also take the D skip and the gate in the scan's store, instead of four libtorch passes over
    /// (B, L, D) forward, more backward, and the tensors those keep for it.
    /// </summary>
    public static Tensor ParallelGated(Tensor x, Tensor deltaBeforeSoftplus, Tensor A, Tensor B, Tensor C, Tensor D, Tensor z,
        int chunk = DefaultChunk)
    {
        if (!Fused(x, deltaBeforeSoftplus, A, B, C) || !new[] { D, z }.All(t => CpuKernel.Supports(t) && t.dtype == x.dtype))
            return ParallelWithSoftplus(x, deltaBeforeSoftplus, A, B, C, D, chunk) * nn.functional.silu(z);
        RequireChunk(chunk);
        RequireShapes(x, deltaBeforeSoftplus, A, B, C, D);
        if (!z.shape.SequenceEqual(x.shape))
            throw new ArgumentException($"the gate z wants x's shape [{string.Join(", ", x.shape)}]; got [{string.Join(", ", z.shape)}]");
        return FusedSelectiveScanFunction.apply(x, deltaBeforeSoftplus, A, B, C, chunk, true, D, z);   // (B, L, D)
    }

    /// <summary>The libtorch chunked scan, <see cref="Parallel"/>'s path on a GPU and its reference on a CPU.</summary>
    public static Tensor Chunked(Tensor x, Tensor delta, Tensor A, Tensor B, Tensor C, Tensor D, int chunk = DefaultChunk) =>
        Scan(x, delta, A, B, C, D, chunk, fused: false, softplus: false);

    private static bool Fused(Tensor x, Tensor delta, Tensor A, Tensor B, Tensor C) =>
        new[] { x, delta, A, B, C }.All(t => CpuKernel.Supports(t) && t.dtype == x.dtype);

    private static Tensor Scan(Tensor x, Tensor delta, Tensor A, Tensor B, Tensor C, Tensor D, int chunk, bool fused, bool softplus)
    {
        RequireChunk(chunk);
        RequireShapes(x, delta, A, B, C, D);
        var y = fused
            ? FusedSelectiveScanFunction.apply(x, delta, A, B, C, chunk, softplus, null!, null!) // (B, L, D)
            : ChunkedScanFunction.apply(x, delta, A, B, C, chunk);
        return y.Plus(x * D);                                                           // skip term outside the scan
    }

    private static void RequireChunk(int chunk)
    {
        if (chunk < 1)
            throw new ArgumentOutOfRangeException(nameof(chunk), chunk, "chunk length must be at least 1");
    }

    // The fused kernel reads every tensor through a pointer with x's and A's sizes, so a mismatch must stop here.
    private static void RequireShapes(Tensor x, Tensor delta, Tensor A, Tensor B, Tensor C, Tensor D)
    {
        static string Shape(Tensor t) => $"[{string.Join(", ", t.shape)}]";
        var ok = x.dim() == 3 && A.dim() == 2 && delta.shape.SequenceEqual(x.shape) && A.shape[0] == x.shape[2]
            && B.shape.SequenceEqual([x.shape[0], x.shape[1], A.shape[1]]) && C.shape.SequenceEqual(B.shape)
            && D.shape.SequenceEqual([x.shape[2]]);
        if (!ok)
            throw new ArgumentException("selective scan wants x, Δ (B, L, D), A (D, N), B, C (B, L, N), D (D); got " +
                $"x {Shape(x)}, Δ {Shape(delta)}, A {Shape(A)}, B {Shape(B)}, C {Shape(C)}, D {Shape(D)}");
    }

    /// <summary>
    /// One timestep: x, Δ (B, D), B, C (B, N), state h (B, D, N) → y (B, D) and the next state.
    /// Generation keeps only h, so memory is O(1) in the sequence length.
    /// </summary>
    public static (Tensor Y, Tensor H) Step(Tensor x, Tensor delta, Tensor A, Tensor B, Tensor C, Tensor D, Tensor h)
    {
        var next = Advance(x, delta, A, B, h);                                          // (B, D, N)
        var y = Readout(next, C).Plus(x * D);                                           // (B, D)
        return (y, next);
    }

    /// <summary>Naive per-timestep loop over the whole sequence under plain autograd: the test reference.</summary>
    public static Tensor Reference(Tensor x, Tensor delta, Tensor A, Tensor B, Tensor C, Tensor D)
    {
        var h = zeros(x.shape[0], x.shape[2], A.shape[1], dtype: x.dtype, device: x.device); // (B, D, N)
        var ys = new Tensor[x.shape[1]];
        for (var t = 0; t < ys.Length; t++)
            (ys[t], h) = Step(x[.., t], delta[.., t], A, B[.., t], C[.., t], D, h);
        return stack(ys, dim: 1);                                                       // (B, L, D)
    }

    private static Tensor Advance(Tensor x, Tensor delta, Tensor A, Tensor B, Tensor h)
    {
        var decay = exp(delta.unsqueeze(-1) * A);                                       // (B, D, N)
        var input = (delta * x).unsqueeze(-1) * B.unsqueeze(1);                         // (B, D, 1) ⊙ (B, 1, N)
        return (decay * h).Plus(input);                                                 // (B, D, N)
    }

    // C_t · h_t over the state axis as a batched mat-vec: (B, D, N) @ (B, N, 1).
    private static Tensor Readout(Tensor h, Tensor C) => h.matmul(C.unsqueeze(-1)).squeeze(-1); // (B, D)

    /// <summary>
    /// One chunk without the D skip: x, Δ (B, Lc, D), B, C (B, Lc, N), h0 (B, D, N) → y (B, Lc, D), h_end.
    /// A plain loop over time: measured faster on CPU than the closed-form "segsum" chunk (exp(S_t − S_s) over a
    /// masked (Lc, Lc) grid), which does Lc times the work because A is diagonal per (channel, state).
    /// </summary>
    internal static (Tensor Y, Tensor H) Chunk(Tensor x, Tensor delta, Tensor A, Tensor B, Tensor C, Tensor h0)
    {
        // unbind, not x[.., t]: the backward of one indexing op writes a whole (B, Lc, ·) gradient, Lc² work per chunk.
        var (xs, deltas, bs, cs) = (x.unbind(1), delta.unbind(1), B.unbind(1), C.unbind(1));
        var h = h0;
        var ys = new Tensor[xs.Length];
        for (var t = 0; t < ys.Length; t++)
        {
            h = Advance(xs[t], deltas[t], A, bs[t], h);                                 // (B, D, N)
            ys[t] = Readout(h, cs[t]);                                                  // (B, D)
        }
        return (stack(ys, dim: 1), h);                                                  // (B, Lc, D), (B, D, N)
    }
}
