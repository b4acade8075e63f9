using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;

namespace MinRnnLab.Web.Services;

/// <summary>Trials that differ only in their seed: one configuration of the sweep, labelled without the seed.</summary>
public sealed record SeedGroup(string Arch, string Label, IReadOnlyList<string> RunIds);

/// <summary>One step of a band: mean and standard deviation over the <paramref name="Seeds"/> runs that reach it.</summary>
public readonly record struct BandPoint(double Step, double Mean, double Std, int Seeds);

/// <summary>One configuration's metric across its seeds, ready to draw as a line (mean) and an area (± std).</summary>
public sealed record SeedBand(SeedGroup Group, string Metric, int Seeds, IReadOnlyList<BandPoint> Points);

/// <summary>
/// Mean ± std across seeds. Curves may be thinned, so seeds rarely share their steps: each seed is evaluated on the
/// union of all seeds' steps by interpolation between its own neighbouring points, and only inside its own step
/// range (a run that stopped early says nothing about later steps). Interpolation is linear in log(loss), because
/// the chart's axis is logarithmic: a straight segment on the chart is then a straight segment in the maths.
/// </summary>
public static class SeedBands
{
    /// <summary>Trials grouped by architecture and every parameter except the seed, ordered by architecture then label.</summary>
    public static IReadOnlyList<SeedGroup> Groups(IEnumerable<TrialInfo> trials) => trials
        .GroupBy(t => (t.Arch, Parameters: ParameterText(t)))
        .Select(g => new SeedGroup(g.Key.Arch, $"{g.Key.Arch} {g.Key.Parameters}".TrimEnd(), g.Select(t => t.RunId).ToArray()))
        .OrderBy(g => g.Arch, StringComparer.Ordinal)
        .ThenBy(g => g.Label, StringComparer.Ordinal)
        .ToArray();

    /// <summary>
    /// The band of <paramref name="metric"/> for one group, from the runs in <paramref name="curves"/> that have it;
    /// null when none has. Each seed gets an equal share of <paramref name="maxPoints"/>, so the union of their
    /// thinned steps stays within the chart's per-trace budget.
    /// </summary>
    public static SeedBand? Band(SeedGroup group, IReadOnlyDictionary<string, RunCurves> curves, string metric, int maxPoints)
    {
        var runs = group.RunIds.Select(id => curves.GetValueOrDefault(id)).OfType<RunCurves>().Where(r => r.Count(metric) > 0).ToArray();
        if (runs.Length == 0)
            return null;
        var perSeed = Math.Max(MinPointsPerSeed, maxPoints / runs.Length);
        var band = Across(runs.Select(r => r.Thinned(metric, perSeed)).ToArray());
        return new SeedBand(group, metric, runs.Length, Thin(band, maxPoints));
    }

    // Many seeds' thinned steps make a long union: the band itself is thinned (LTTB on the mean, in log space) to
    // the chart's budget, so 50 seeds draw as fast as one.
    private static IReadOnlyList<BandPoint> Thin(IReadOnlyList<BandPoint> band, int maxPoints)
    {
        if (band.Count <= maxPoints)
            return band;
        var steps = band.Select(p => (int)p.Step).ToArray();
        var means = band.Select(p => p.Mean).ToArray();
        return CurveThinning.KeptIndices(steps, means, maxPoints).Select(i => band[i]).ToArray();
    }

    /// <summary>
    /// Mean and sample standard deviation (n − 1: the seeds are a sample of all seeds one could run) at every step
    /// of any curve; 0 where a single seed reaches the step. Points a log axis cannot show (zero, negative, NaN
    /// after a divergence) are left out before anything else.
    /// </summary>
    public static IReadOnlyList<BandPoint> Across(IReadOnlyList<IReadOnlyList<(double X, double Y)>> seeds)
    {
        var usable = seeds.Select(s => s.Where(p => p.Y > 0 && double.IsFinite(p.Y)).OrderBy(p => p.X).ToArray())
                          .Where(s => s.Length > 0)
                          .ToArray();
        var steps = usable.SelectMany(s => s.Select(p => p.X)).Distinct().Order();
        var band = new List<BandPoint>();
        foreach (var step in steps)
        {
            var values = usable.Select(s => At(s, step)).OfType<double>().ToArray();
            var mean = values.Average();
            var std = values.Length < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
            band.Add(new BandPoint(step, mean, std, values.Length));
        }
        return band;
    }

    /// <summary>The curve's value at <paramref name="step"/>, interpolated in log space; null outside its step range.</summary>
    public static double? At(IReadOnlyList<(double X, double Y)> curve, double step)
    {
        if (curve.Count == 0 || step < curve[0].X || step > curve[^1].X)
            return null;
        var hi = LowerBound(curve, step);
        if (curve[hi].X == step)
            return curve[hi].Y;
        var (a, b) = (curve[hi - 1], curve[hi]);                  // a.X < step < b.X
        var t = (step - a.X) / (b.X - a.X);
        return Math.Exp(Math.Log(a.Y) + t * (Math.Log(b.Y) - Math.Log(a.Y)));
    }

    // Below this a thinned seed loses the curve's shape; more seeds than budget / this then exceed the budget.
    private const int MinPointsPerSeed = 50;

    // The first index whose step is >= step (curve sorted by step, step within its range).
    private static int LowerBound(IReadOnlyList<(double X, double Y)> curve, double step)
    {
        var (lo, hi) = (0, curve.Count - 1);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (curve[mid].X < step)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    // The swept values but the architecture (it leads the label) and a swept seed (it is what the band averages over).
    private static string ParameterText(TrialInfo trial) => string.Join(", ", trial.Parameters
        .Where(p => p.Key is not ("arch" or "seed"))
        .OrderBy(p => p.Key, StringComparer.Ordinal)
        .Select(p => $"{p.Key}={p.Value}"));
}
