using System.Globalization;
using MinRnnLab.Abstractions;

namespace MinRnnLab.Web.Services;

/// <summary>
/// One vertical axis of a parallel-coordinates chart: a position per trial, and the ticks that name positions.
/// Ticks are null where the chart's own numeric ticks read right (the metric). <paramref name="Range"/> (low, high) is set
/// where the chart's own range would collapse (an axis of one value).
/// </summary>
public sealed record CoordinateAxis(
    string Label, IReadOnlyList<double> Values, IReadOnlyList<double>? TickVals, IReadOnlyList<string>? TickText, IReadOnlyList<double>? Range = null);

/// <summary>
/// Hyperparameters against the metric: one axis per swept parameter, in the order the trials list them (arch first,
/// then file order), and last the best of the sweep's metric, which also colours the lines. Only finished trials that
/// reported it take part: a running trial's best is not its result yet. Trials stopped before their end (failed,
/// diverged, pruned, cancelled) take part only when asked: their best is a partial result, and on the same colour scale
/// it would read as a finished one.
/// </summary>
public sealed record ParameterAxes(IReadOnlyList<CoordinateAxis> Axes, IReadOnlyList<double> Metric, IReadOnlyList<string> RunIds)
{
    /// <summary>The metric axis's label where the caller names no metric (runs of sweeps with different metrics).</summary>
    public const string MetricLabel = "best";

    /// <summary>The tick text of a trial whose architecture the parameter does not apply to (a `when` condition).</summary>
    public const string Missing = "n/a";

    // Up to this many distinct values each get a tick with their own text (grids); beyond, evenly spaced ticks (random).
    private const int MaxNamedTicks = 8;
    private const int SpacedTicks = 5;

    /// <param name="logKeys">Keys drawn on a log axis whatever their spread (<see cref="LogKeys"/>); null: <see cref="LogKeys.ByName"/>.</param>
    /// <param name="includeStopped">Whether trials stopped before their end take part.</param>
    /// <param name="metricLabel">The metric axis's label: "best train_loss".</param>
    public static ParameterAxes From(IEnumerable<TrialInfo> trials, IReadOnlySet<string>? logKeys = null, bool includeStopped = true,
        string metricLabel = MetricLabel)
    {
        var finished = trials.Where(t => (includeStopped ? t.State.IsFinal() : t.State == RunState.Succeeded)
                                         && t.BestMetric is double v && double.IsFinite(v)).ToArray();
        var keys = finished.SelectMany(t => t.Parameters.Keys).Distinct().ToArray();
        logKeys ??= LogKeys.ByName;
        var axes = keys.Select(key => Axis(key, finished.Select(t => t.Parameters.GetValueOrDefault(key)).ToArray(), logKeys.Contains(key))).ToList();
        var metric = finished.Select(t => t.BestMetric!.Value).ToArray();
        axes.Add(new CoordinateAxis(metricLabel, metric, null, null));
        return new ParameterAxes(axes, metric, finished.Select(t => t.RunId).ToArray());
    }

    /// <summary>
    /// Numbers stay numbers (log10 when they span a decade or more, or <paramref name="log"/> says they were sampled so);
    /// anything else is a category.
    /// </summary>
    public static CoordinateAxis Axis(string key, IReadOnlyList<string?> texts, bool log = false)
    {
        var present = texts.OfType<string>().ToArray();
        if (present.Length == texts.Count && present.Distinct().Count() == 1)
            return SingleValueAxis(key, present[0], texts.Count);
        return present.Length > 0 && present.All(t => Parse(t) is not null)
            ? NumericAxis(key, texts, log)
            : CategoricalAxis(key, texts);
    }

    // Every trial shares the value: Plotly would squash the axis to a point and draw its one tick label under all the
    // lines crossing there. The value goes into the axis title instead, and the lines cross mid-axis with no tick.
    private static CoordinateAxis SingleValueAxis(string key, string value, int count) =>
        new($"{key} = {value}", Enumerable.Repeat(0.0, count).ToArray(), [], [], [-1.0, 1.0]);

    // Categories take positions 0, 1, ... in order of first appearance; a missing value sits at -1, below them all.
    private static CoordinateAxis CategoricalAxis(string key, IReadOnlyList<string?> texts)
    {
        var categories = texts.OfType<string>().Distinct().ToList();
        var values = texts.Select(t => t is null ? -1.0 : categories.IndexOf(t)).ToArray();
        var ticks = categories.Select((c, i) => ((double)i, c)).ToList();
        if (texts.Any(t => t is null))
            ticks.Insert(0, (-1.0, Missing));
        return new CoordinateAxis(key, values, ticks.Select(t => t.Item1).ToArray(), ticks.Select(t => t.Item2).ToArray());
    }

    private static CoordinateAxis NumericAxis(string key, IReadOnlyList<string?> texts, bool sampledOnLog)
    {
        var numbers = texts.Select(t => t is null ? null : Parse(t)).ToArray();
        var present = numbers.OfType<double>().ToArray();
        // A log axis gives a learning-rate search over decades equal room per decade, as it was sampled.
        var log = present.Min() > 0 && (sampledOnLog || present.Max() / present.Min() >= 10);
        Func<double, double> position = log ? Math.Log10 : x => x;
        var (lo, hi) = (position(present.Min()), position(present.Max()));

        var ticks = new List<(double Position, string Text)>();
        var named = texts.OfType<string>().DistinctBy(t => Parse(t)).ToArray();
        if (named.Length <= MaxNamedTicks)
            ticks.AddRange(named.Select(t => (position(Parse(t)!.Value), t)));
        else
            ticks.AddRange(Enumerable.Range(0, SpacedTicks).Select(i => lo + (hi - lo) * i / (SpacedTicks - 1))
                .Select(p => (p, (log ? Math.Pow(10, p) : p).ToString("G3", CultureInfo.InvariantCulture))));

        // A missing value sits one step below the lowest, where it cannot be mistaken for a value.
        var missingAt = lo - (hi > lo ? (hi - lo) / (SpacedTicks - 1) : 1);
        if (numbers.Any(n => n is null))
            ticks.Add((missingAt, Missing));
        ticks.Sort((a, b) => a.Position.CompareTo(b.Position));

        var values = numbers.Select(n => n is double x ? position(x) : missingAt).ToArray();
        return new CoordinateAxis(log ? $"{key} (log scale)" : key, values, ticks.Select(t => t.Position).ToArray(), ticks.Select(t => t.Text).ToArray());
    }

    private static double? Parse(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? x : null;
}
