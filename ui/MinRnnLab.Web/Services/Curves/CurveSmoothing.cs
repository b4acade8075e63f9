namespace MinRnnLab.Web.Services.Curves;

/// <summary>
/// Exponential moving average as TensorBoard smooths: debiased, so the first points are not pulled toward zero.
/// Works on the points a chart draws (already thinned), so it costs nothing per stored step.
/// </summary>
public static class CurveSmoothing
{
    /// <summary>The heaviest smoothing the slider offers: 0.99 already averages over about a hundred points.</summary>
    public const double MaxWeight = 0.99;

    /// <summary>
    /// The smoothed values: s_i = w·s_(i-1) + (1 − w)·y_i, divided by 1 − w^n (n = finite values so far).
    /// Non-finite values stay as they are and leave the average untouched; a weight of 0 returns the values unchanged.
    /// </summary>
    public static double[] Ema(IReadOnlyList<double> values, double weight)
    {
        if (double.IsNaN(weight) || weight < 0 || weight > MaxWeight)
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"smoothing weight must be between 0 and {MaxWeight}");
        var smoothed = new double[values.Count];
        double average = 0, weightPower = 1;
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            if (!double.IsFinite(value))
            {
                smoothed[i] = value;
                continue;
            }
            average = weight * average + (1 - weight) * value;
            weightPower *= weight;
            smoothed[i] = average / (1 - weightPower);
        }
        return smoothed;
    }
}
