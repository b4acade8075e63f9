namespace MinRnnLab.Sweeps;

/// <summary>
/// A Parzen-window density on [low, high]: one Gaussian kernel per observed point plus a wide prior kernel at
/// the centre, each truncated to the bounds, equally weighted. Bandwidths follow hyperopt's adaptive rule:
/// a kernel is as wide as the larger gap to its sorted neighbours, so where good points crowd the kernels
/// narrow (exploit) and where they are sparse they stay wide (explore). The prior keeps the density positive
/// everywhere, so every value can still be drawn and no ratio l/g divides by zero.
/// </summary>
internal sealed class ParzenEstimator
{
    private const int MaxRejections = 64;   // a kernel truncated to the range keeps at least ~1/3 of its mass

    private readonly double low, high;
    private readonly double[] mus, sigmas;
    private readonly double[] logMasses;     // ln of each kernel's mass inside [low, high], to renormalise it

    public ParzenEstimator(IEnumerable<double> points, double low, double high)
    {
        (this.low, this.high) = (low, high);
        var range = high - low;
        var kernels = points.Select(x => (Mu: x, IsPrior: false)).Append((Mu: (low + high) / 2, IsPrior: true)).OrderBy(k => k.Mu).ToArray();
        mus = kernels.Select(k => k.Mu).ToArray();
        sigmas = new double[mus.Length];
        // Floor at range / (n + 1), at most 100ths: one lucky point must not collapse the search to a needle.
        var minSigma = range / Math.Min(100, mus.Length);
        for (var i = 0; i < mus.Length; i++)
        {
            var left = i == 0 ? mus[i] - low : mus[i] - mus[i - 1];
            var right = i == mus.Length - 1 ? high - mus[i] : mus[i + 1] - mus[i];
            sigmas[i] = kernels[i].IsPrior ? range : Math.Clamp(Math.Max(left, right), minSigma, range);
        }
        logMasses = mus.Select((mu, i) => Math.Log(Math.Max(1e-300, Phi((high - mu) / sigmas[i]) - Phi((low - mu) / sigmas[i])))).ToArray();
    }

    /// <summary>A draw from the mixture: pick a kernel, then a normal draw inside the bounds.</summary>
    public double Sample(Random random)
    {
        var i = random.Next(mus.Length);
        for (var attempt = 0; attempt < MaxRejections; attempt++)
        {
            var x = mus[i] + sigmas[i] * StandardNormal(random);
            if (x >= low && x <= high)
                return x;
        }
        return Math.Clamp(mus[i], low, high);
    }

    /// <summary>ln of the mixture's density at x (log-sum-exp, so far tails do not underflow to -inf).</summary>
    public double LogDensity(double x)
    {
        var terms = new double[mus.Length];
        for (var i = 0; i < mus.Length; i++)
        {
            var z = (x - mus[i]) / sigmas[i];
            terms[i] = -0.5 * z * z - Math.Log(sigmas[i] * Math.Sqrt(2 * Math.PI)) - logMasses[i];
        }
        var max = terms.Max();
        return max + Math.Log(terms.Sum(t => Math.Exp(t - max))) - Math.Log(mus.Length);
    }

    /// <summary>Box–Muller; 1 - NextDouble() is in (0, 1], so the logarithm is finite.</summary>
    private static double StandardNormal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Standard normal CDF.</summary>
    internal static double Phi(double z) => 0.5 * (1 + Erf(z / Math.Sqrt(2)));

    /// <summary>Abramowitz &amp; Stegun 7.1.26: |error| &lt; 1.5e-7, plenty for renormalising kernels that keep most of their mass.</summary>
    private static double Erf(double x)
    {
        var t = 1 / (1 + 0.3275911 * Math.Abs(x));
        var poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        var y = 1 - poly * Math.Exp(-x * x);
        return x >= 0 ? y : -y;
    }
}
