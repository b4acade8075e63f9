using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models;

/// <summary>
/// Parallel scan of the linear recurrence h_t = a_t ⊙ h_{t-1} + b_t with a_t, b_t ≥ 0, done in log space
/// (Heinsen 2023) so that long products of gates neither underflow nor need a division. Inputs and output
/// are logs: log_a, log_b (B, T, D) → log_h (B, T, D). An initial state enters as log(h_0) (B, 1, D).
/// </summary>
public static class LogSpaceScan
{
    /// <summary>Chunk length of <see cref="ScanChunked"/>; 64 was its best of 16…256 at T = 4096 on CPU.</summary>
    public const int DefaultChunk = 64;

    /// <summary>g(x) = x + 0.5 for x ≥ 0, σ(x) below: a positive, continuous stand-in for the candidate h~.</summary>
    public static Tensor G(Tensor x) => where(x.ge(Scalars.Zero), x.Plus(Scalars.Half), functional.sigmoid(x));

    /// <summary>log g(x), computed without forming g: log(relu(x) + 0.5) for x ≥ 0, log σ(x) below.</summary>
    public static Tensor LogG(Tensor x) =>
        where(x.ge(Scalars.Zero), functional.relu(x).Plus(Scalars.Half).log(), functional.logsigmoid(x));

    /// <summary>
    /// Below this many independent channels (B·D) the step-by-step scan loses to the parallel one on a CPU: each
    /// of its T steps costs a few µs of dispatch whatever its width, while logcumsumexp costs about 200 ns per
    /// element forward + backward. Measured crossover on 1 thread: B·D = 64 → parallel 2× faster (T = 4096),
    /// B·D = 4096 → step-by-step 7–10× faster (T = 64…4096).
    /// </summary>
    public const long SequentialMinChannels = 256;

    /// <summary>log h: Heinsen's form, a* = cumsum(log_a); log_h = a* + logcumsumexp(log_b − a*).</summary>
    public static Tensor Scan(Tensor logA, Tensor logB, Tensor? logH0 = null) => ScanNaive(logA, logB, logH0);

    /// <summary>
    /// h = exp(<see cref="Scan"/>), the form <see cref="MinGru.LogSpace"/> and <see cref="MinLstm.LogSpace"/> use
    /// (on a CPU the cells run <see cref="FusedMinRnn"/> instead), by whichever algorithm is faster here. On a CPU
    /// the parallel form is dominated by logcumsumexp, a scalar kernel (≈ 70% of a minGRU layer's forward +
    /// backward at B 12, T 64, D 256, and 14× slower than the recurrence itself), so wide enough inputs run the
    /// recurrence step by step with a hand-written reverse-scan backward (<see cref="ScanSequential"/>). On
    /// a GPU each step would be a kernel launch, so the parallel form stays.
    /// </summary>
    public static Tensor ScanExp(Tensor logA, Tensor logB, Tensor? logH0 = null) =>
        logA.device_type == TorchSharp.DeviceType.CPU && logA.shape[0] * logA.shape[2] >= SequentialMinChannels
            ? ScanSequential(logA, logB, logH0)
            : ScanNaive(logA, logB, logH0).exp();

    /// <summary>exp(<see cref="Scan"/>) by the recurrence h_t = a_t ⊙ h_{t-1} + b_t, one step at a time.</summary>
    public static Tensor ScanSequential(Tensor logA, Tensor logB, Tensor? logH0 = null) =>
        SequentialScanFunction.apply(logA, logB, logH0!);

    /// <summary>Heinsen's form over the whole sequence, the reference every other scan is tested against.</summary>
    public static Tensor ScanNaive(Tensor logA, Tensor logB, Tensor? logH0 = null)
    {
        if (logH0 is not null)
        {
            // h_0 becomes an extra leading step whose b is h_0 itself; its a is irrelevant (nothing before it), so 0.
            logA = cat([zeros_like(logH0), logA], dim: 1);                              // (B, 1 + T, D)
            logB = cat([logH0, logB], dim: 1);                                          // (B, 1 + T, D)
        }
        var aStar = logA.cumsum(1);                                                     // (B, T', D)
        var logH = aStar.Plus((logB - aStar).logcumsumexp(1));                          // (B, T', D)
        return logH0 is null ? logH : logH[.., 1..];                                    // (B, T, D)
    }

    /// <summary>
    /// Chunked exact scan, kept for the benchmark comparison. Within each chunk of length C the Heinsen form runs with a
    /// zero start; the chunk ends are then chained sequentially (T / C steps) and each chunk adds its carried-in
    /// state decayed by its local a*. Same result as <see cref="ScanNaive"/> up to rounding; a* never grows
    /// beyond one chunk's sum, so it loses less to cancellation when T is long.
    /// </summary>
    public static Tensor ScanChunked(Tensor logA, Tensor logB, Tensor? logH0 = null, int chunk = DefaultChunk)
    {
        var (b, t, d) = (logA.shape[0], logA.shape[1], logA.shape[2]);
        if (t <= chunk)
            return ScanNaive(logA, logB, logH0);
        var pad = (chunk - t % chunk) % chunk;
        if (pad > 0)
        {
            // Padding at the end (a = 1, b = 0) cannot affect earlier steps; it is sliced off below.
            logA = functional.pad(logA, [0, 0, 0, pad], value: 0.0);                    // (B, T + pad, D)
            logB = functional.pad(logB, [0, 0, 0, pad], value: double.NegativeInfinity);
        }
        var n = (t + pad) / chunk;
        var aStar = logA.view(b, n, chunk, d).cumsum(2);                                // (B, n, C, D), local a*
        var local = aStar.Plus((logB.view(b, n, chunk, d) - aStar).logcumsumexp(2));    // (B, n, C, D), zero start

        // Carry between chunks: the state entering chunk k (k ≥ 1) is the previous chunk's end, chained.
        var ends = local[.., .., -1];                                                   // (B, n, D)
        var decay = aStar[.., .., -1];                                                  // (B, n, D)
        var first = local[.., 0];                                                       // (B, C, D)
        Tensor? carry = null;
        if (logH0 is not null)
        {
            carry = logH0;                                                              // (B, 1, D)
            first = logaddexp(first, aStar[.., 0].Plus(carry));
        }
        var carries = new List<Tensor>((int)n - 1);
        for (var k = 0; k < n - 1; k++)
        {
            var end = ends[.., k..(k + 1)];                                             // (B, 1, D)
            carry = carry is null ? end : logaddexp(end, decay[.., k..(k + 1)].Plus(carry));
            carries.Add(carry);
        }
        var carryIn = stack(carries, dim: 1);                                           // (B, n - 1, 1, D)
        var rest = logaddexp(local[.., 1..], aStar[.., 1..].Plus(carryIn));             // (B, n - 1, C, D)
        var logH = cat([first.unsqueeze(1), rest], dim: 1).view(b, n * chunk, d);       // (B, T + pad, D)
        return pad > 0 ? logH[.., ..(int)t] : logH;                                     // (B, T, D)
    }
}
