namespace MinRnnLab.Config;

/// <summary>
/// Thins a loss curve for a chart whose y axis is logarithmic: LTTB runs on log10 of the values, because
/// thinning linear values would flatten the late, small improvements a log axis is there to show. A curve with a
/// zero, negative or non-finite value (a diverged run) is thinned on its linear values instead.
/// </summary>
public static class CurveThinning
{
    public static int[] KeptIndices(ReadOnlySpan<int> steps, ReadOnlySpan<double> values, int maxPoints)
    {
        if (values.Length <= maxPoints)
            return Enumerable.Range(0, values.Length).ToArray();
        var x = new double[steps.Length];
        var y = new double[values.Length];
        var logScale = true;
        foreach (var v in values)
            logScale &= v > 0 && double.IsFinite(v);
        for (var i = 0; i < x.Length; i++)
            (x[i], y[i]) = (steps[i], logScale ? Math.Log10(values[i]) : values[i]);
        return Lttb.Select(x, y, maxPoints);
    }

    /// <summary>The curve with only the kept points.</summary>
    public static (int[] Steps, double[] Values) Thin(int[] steps, double[] values, int maxPoints)
    {
        if (values.Length <= maxPoints)
            return (steps, values);
        var kept = KeptIndices(steps, values, maxPoints);
        return (kept.Select(i => steps[i]).ToArray(), kept.Select(i => values[i]).ToArray());
    }
}
