using MinRnnLab.Abstractions;

namespace MinRnnLab.Web.Services;

/// <summary>
/// The metric history of one run as the page knows it: loaded from the store, then extended by live progress.
/// Keyed by step, so a point delivered twice (load and stream overlap) counts once.
/// </summary>
public sealed class RunCurves(string runId, string arch)
{
    private readonly Dictionary<string, SortedDictionary<int, double>> byName = [];

    public string RunId { get; } = runId;
    public string Arch { get; } = arch;

    public void Add(IEnumerable<MetricPoint> points)
    {
        foreach (var point in points)
        {
            if (!byName.TryGetValue(point.Name, out var series))
                byName[point.Name] = series = [];
            series[point.Step] = point.Value;
        }
    }

    public int Count(string name) => byName.TryGetValue(name, out var series) ? series.Count : 0;

    public IReadOnlyList<(double X, double Y)> Points(string name) =>
        byName.TryGetValue(name, out var series) ? series.Select(p => ((double)p.Key, p.Value)).ToArray() : [];

    /// <summary>
    /// At most <paramref name="maxPoints"/> points, thinned by LTTB in log space because the chart's y axis is
    /// logarithmic: thinning linear values would flatten the late, small improvements a log axis is there to show.
    /// </summary>
    public IReadOnlyList<(double X, double Y)> Thinned(string name, int maxPoints)
    {
        var points = Points(name);
        if (points.Count <= maxPoints || points.Any(p => p.Y <= 0 || !double.IsFinite(p.Y)))
            return points.Count <= maxPoints ? points : Lttb.Thin(points, maxPoints);
        var logs = points.Select(p => (p.X, Math.Log10(p.Y))).ToArray();
        return Lttb.Thin(logs, maxPoints).Select(p => (p.X, Math.Pow(10, p.Y))).ToArray();
    }
}
