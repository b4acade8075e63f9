using MinRnnLab.Config;
using MinRnnLab.Web.Components.Shared;

namespace MinRnnLab.Web.Services.Curves;

/// <summary>One stored metric besides the losses, drawn in its own panel: its name in the vocabulary, the panel's title, and its y axis's (short: a panel is narrow).</summary>
public sealed record PanelMetric(string Name, string Title, string Axis);

/// <summary>A metric panel ready to draw.</summary>
public sealed record MetricPanel(PanelMetric Metric, CurveChartSpec Spec, int Points);

/// <summary>
/// The charts under the loss curves (issue 28 item 4): one panel per stored metric the trainer reports with each
/// evaluation (learning rate, ms/iter, tokens/s, grad norm), drawn like the loss curves (same runs, colours, legend names, x by step,
/// tokens or time, smoothing) on a linear y, all on the loss chart's x range with one cursor, so a spike in ms/iter lines
/// up with its step in every panel and in the loss. Pure: tested without a browser.
/// </summary>
public static class MetricPanelSpecs
{
    /// <summary>The metrics drawn in panels, in this order (grad norm only for runs trained since it is stored, with grad_clip above 0).</summary>
    public static IReadOnlyList<PanelMetric> Metrics { get; } =
    [
        new(MetricNames.LearningRate, "learning rate", "lr"),
        new(MetricNames.MsPerIter, "ms / iter", "ms"),
        new(MetricNames.TokensPerSecond, "tokens / s", "tokens/s"),
        new(MetricNames.GradNorm, "grad norm (before clipping)", "norm"),
    ];

    public static IReadOnlyList<string> Names { get; } = Metrics.Select(m => m.Name).ToArray();

    public const int Height = 220;

    /// <summary>A panel for each metric some run has points of; metrics no run reported are left out.</summary>
    public static IReadOnlyList<MetricPanel> Build(IReadOnlyCollection<RunCurves> curves, CurveView view, IReadOnlyDictionary<string, RunFacts> facts,
        int maxPoints, string syncKey, bool fullRunIds = false)
    {
        // Loss settings are not a metric's: lr and tokens/s read on a linear axis, from their own range.
        var panelView = view with { LogY = false, YMin = null, YMax = null };
        var perCurve = LossChart.PointsPerCurve(curves.Count, maxPoints);
        var built = new List<(PanelMetric Metric, CurveChartSpec Spec, int Points)>();
        foreach (var metric in Metrics)
        {
            var traces = LossTraces.Build(curves, new LossTraceOptions([metric.Name], perCurve, panelView, LossChart.MaxRunsAsOwnTraces, facts, fullRunIds));
            if (traces.PointCount == 0)
                continue;
            var spec = LossChartSpec.Build(traces, curves, panelView, Height, facts, fullRunIds, legendOpen: false);
            built.Add((metric, spec with { YTitle = metric.Axis }, traces.PointCount));
        }
        // The loss chart's range too: its curves start at step 0, before the first report of a step's speed (LTTB keeps
        // a curve's ends, so three points per curve give its extent).
        var losses = LossTraces.Build(curves, new LossTraceOptions([MetricNames.ValLoss, MetricNames.TrainLoss], 3, panelView, LossChart.MaxRunsAsOwnTraces, facts));
        var lossX = LossChartSpec.Build(losses, curves, panelView, Height, facts, fullRunIds).Series.SelectMany(s => s.X);
        var xs = built.SelectMany(b => b.Spec.Series).SelectMany(s => s.X).Concat(lossX).Where(double.IsFinite).ToArray();
        var (xMin, xMax) = xs.Length == 0 ? ((double?)null, (double?)null) : (xs.Min(), xs.Max());
        return built.Select(b => new MetricPanel(b.Metric, b.Spec with { XMin = xMin, XMax = xMax, YLabel = b.Metric.Title, SyncKey = syncKey }, b.Points)).ToArray();
    }
}
