using System.Globalization;
using Plotly.Blazor.Traces;

namespace MinRnnLab.Web.Services.Curves;

/// <summary>
/// The loss chart's <see cref="CurveChartSpec"/> from the traces <see cref="LossTraces"/> builds (x, y, colour, dash,
/// run per point). A trace that strings many runs together with gaps (one per architecture past a few dozen runs)
/// becomes a line per run: uPlot aligns every line on one x, so a line cannot run from step 500 back to step 0.
/// Pure: tested without a browser.
/// </summary>
public static class LossChartSpec
{
    public static CurveChartSpec Build(LossTraces traces, IReadOnlyCollection<RunCurves> curves, CurveView view, int height,
        IReadOnlyDictionary<string, RunFacts> facts, bool fullRunIds, bool legendOpen = true)
    {
        var byId = curves.ToDictionary(c => c.RunId);
        var runs = new List<CurveRun>();
        var runIndex = new Dictionary<string, int>();
        var series = new List<CurveSeries>();
        for (var t = 0; t < traces.Data.Count; t++)
        {
            if (traces.Data[t] is not Scatter trace)
                continue;
            foreach (var (start, end) in Segments(trace.X))
            {
                var run = traces.RunAt(t, start);
                var index = -1;
                if (run is not null && !runIndex.TryGetValue(run, out index))
                {
                    index = runIndex[run] = runs.Count;
                    runs.Add(new CurveRun(run, byId.TryGetValue(run, out var curve) ? LossTraces.Describe(curve, facts, fullRunIds) : run));
                }
                series.Add(Series(trace, start, end, index, grouped: curves.Count > 1));
            }
        }
        return new CurveChartSpec(series, runs, view.XTitle, view.YTitle, view.LogY, height, view.YMin, view.YMax, legendOpen);
    }

    private static CurveSeries Series(Scatter trace, int start, int end, int run, bool grouped)
    {
        var name = trace.Name ?? "";
        // A raw curve under its smoothed self shares the smoothed curve's legend entry: one click hides both.
        var legend = name.EndsWith(LossTraces.RawSuffix, StringComparison.Ordinal) ? name[..^LossTraces.RawSuffix.Length] : name;
        var x = new double[end - start];
        var y = new double?[end - start];
        for (var i = start; i < end; i++)
        {
            x[i - start] = Number(trace.X[i]) ?? double.NaN;
            y[i - start] = Number(trace.Y[i]);
        }
        return new CurveSeries(name, legend, grouped ? trace.LegendGroup : null, trace.Line?.Color?.ToString() ?? ArchColorsFallback,
            trace.Line?.Dash ?? "solid", (double)(trace.Line?.Width ?? 1.5m), (double)(trace.Opacity ?? 1m), x, y, run);
    }

    private const string ArchColorsFallback = "#1f77b4";

    // Stretches of points between null x's (LossTraces' break between two runs in one trace), as [start, end).
    private static IEnumerable<(int Start, int End)> Segments(IList<object>? xs)
    {
        if (xs is null)
            yield break;
        var start = 0;
        for (var i = 0; i <= xs.Count; i++)
        {
            if (i < xs.Count && xs[i] is not null)
                continue;
            if (i > start)
                yield return (start, i);
            start = i + 1;
        }
    }

    private static double? Number(object? value) => value switch
    {
        null => null,
        double d when double.IsFinite(d) => d,
        double => null,
        float f when float.IsFinite(f) => f,
        IConvertible c => Convert.ToDouble(c, CultureInfo.InvariantCulture),
        _ => null,
    };
}
