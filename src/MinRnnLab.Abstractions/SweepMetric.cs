namespace MinRnnLab.Abstractions;

/// <summary>
/// What a sweep judges its trials by: a metric name (MinRnnLab.Config.MetricNames: val_loss or train_loss) and whether
/// smaller or larger is better. A run's best, the sweep's best per architecture, rankings and top-k retention all
/// follow it; nothing that ranks trials assumes validation loss.
/// </summary>
[GenerateSerializer, Immutable, Alias("MinRnnLab.SweepMetric")]
public sealed record SweepMetric(
    [property: Id(0)] string Name,
    [property: Id(1)] bool Maximize = false)
{
    /// <summary>What every sweep was judged by before sweeps carried their metric to their runs.</summary>
    public static readonly SweepMetric ValLoss = new("val_loss");

    /// <summary>True when <paramref name="value"/> is better than <paramref name="best"/> (any value beats none).</summary>
    public bool Improves(double value, double? best) => best is not { } b || (Maximize ? value > b : value < b);

    /// <summary>True once <paramref name="value"/> has reached <paramref name="target"/> from the metric's worse side.</summary>
    public bool Reaches(double value, double target) => Maximize ? value >= target : value <= target;

    /// <summary>The best of <paramref name="values"/>, null when there are none.</summary>
    public double? BestOf(IEnumerable<double> values)
    {
        double? best = null;
        foreach (var value in values)
            if (Improves(value, best))
                best = value;
        return best;
    }

    /// <summary>Best first; items without a value last, in their given order (the sort is stable).</summary>
    public IOrderedEnumerable<T> Rank<T>(IEnumerable<T> items, Func<T, double?> value) => Maximize
        ? items.OrderByDescending(i => value(i) ?? double.NegativeInfinity)
        : items.OrderBy(i => value(i) ?? double.PositiveInfinity);
}
