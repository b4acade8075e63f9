using MinRnnLab.Config;

namespace MinRnnLab.Web.Services.Curves;

/// <summary>
/// Where a seed band's points go under a <see cref="CurveView"/>: x by step, tokens (the configuration's tokens per
/// step: its seeds share it) or training time (at each step, the mean of its seeds' wall clocks), and the mean and
/// edges smoothed like a run's curve. Null when the view's x is unknown for the band (config or wall time not read).
/// </summary>
public static class BandAxis
{
    public static (double[] X, double[] Mean, double[] Upper, double[] Lower)? Place(
        SeedBand band, CurveView view, IReadOnlyDictionary<string, RunCurves> curves, IReadOnlyDictionary<string, RunFacts> facts)
    {
        if (XOf(band.Group, view, curves, facts) is not { } xOf)
            return null;
        var points = band.Points;
        var mean = points.Select(p => p.Mean).ToArray();
        var upper = points.Select(p => p.Mean + p.Std).ToArray();
        // A log axis cannot draw zero or below: such a lower edge is clipped a decade under the mean, i.e. off the bottom.
        var lower = points.Select(p => Math.Max(p.Mean - p.Std, p.Mean / 10)).ToArray();
        return ([.. points.Select(p => xOf(p.Step))], Smooth(mean, view), Smooth(upper, view), Smooth(lower, view));
    }

    private static double[] Smooth(double[] values, CurveView view) => view.Smoothing > 0 ? CurveSmoothing.Ema(values, view.Smoothing) : values;

    private static Func<double, double>? XOf(SeedGroup group, CurveView view, IReadOnlyDictionary<string, RunCurves> curves,
        IReadOnlyDictionary<string, RunFacts> facts)
    {
        switch (view.X)
        {
            case CurveX.Tokens:
                return group.RunIds.Select(id => facts.GetValueOrDefault(id)?.TokensPerStep).FirstOrDefault(t => t is not null) is { } perStep
                    ? step => step * perStep : null;
            case CurveX.WallTime:
                var clocks = group.RunIds.Select(id => curves.GetValueOrDefault(id)?.Points(MetricNames.WallSeconds))
                    .Where(p => p is { Count: > 0 }).Select(p => new WallClock(p!)).ToList();
                return clocks.Count == 0 ? null : step => clocks.Average(c => c.SecondsAt(step));
            default:
                return step => step;
        }
    }
}
