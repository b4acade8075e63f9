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
    public static Tensor G(Tensor x) => where(x >= 0, x + 0.5, functional.sigmoid(x));

    /// <summary>log g(x), computed without forming g: log(relu(x) + 0.5) for x ≥ 0, −softplus(−x) below.</summary>
    public static Tensor LogG(Tensor x) => where(x >= 0, (functional.relu(x) + 0.5).log(), -functional.softplus(-x));

    /// <summary>
    /// The scan the models use: a* = cumsum(log_a); log_h = a* + logcumsumexp(log_b − a*) over the whole
    /// sequence. logcumsumexp is most of its cost on CPU (about 70% of scan forward + backward, B 64, D 64), but
    /// the chunked alternative below measured slower still (its extra full-size logaddexp, stack and cat cost
    /// more than they save), so this stays the default. Numbers: docs in ScanBenchmark and the branch report.
    /// </summary>
    public static Tensor Scan(Tensor logA, Tensor logB, Tensor? logH0 = null) => ScanNaive(logA, logB, logH0);

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
        var logH = aStar + (logB - aStar).logcumsumexp(1);                              // (B, T', D)
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
        var local = aStar + (logB.view(b, n, chunk, d) - aStar).logcumsumexp(2);        // (B, n, C, D), zero start

        // Carry between chunks: the state entering chunk k (k ≥ 1) is the previous chunk's end, chained.
        var ends = local[.., .., -1];                                                   // (B, n, D)
        var decay = aStar[.., .., -1];                                                  // (B, n, D)
        var first = local[.., 0];                                                       // (B, C, D)
        Tensor? carry = null;
        if (logH0 is not null)
        {
            carry = logH0;                                                              // (B, 1, D)
            first = logaddexp(first, aStar[.., 0] + carry);
        }
        var carries = new List<Tensor>((int)n - 1);
        for (var k = 0; k < n - 1; k++)
        {
            var end = ends[.., k..(k + 1)];                                             // (B, 1, D)
            carry = carry is null ? end : logaddexp(end, decay[.., k..(k + 1)] + carry);
            carries.Add(carry);
        }
        var carryIn = stack(carries, dim: 1);                                           // (B, n - 1, 1, D)
        var rest = logaddexp(local[.., 1..], aStar[.., 1..] + carryIn);                 // (B, n - 1, C, D)
        var logH = cat([first.unsqueeze(1), rest], dim: 1).view(b, n * chunk, d);       // (B, T + pad, D)
        return pad > 0 ? logH[.., ..(int)t] : logH;                                     // (B, T, D)
    }
}
