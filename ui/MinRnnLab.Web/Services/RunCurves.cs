using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;

namespace MinRnnLab.Web.Services;

/// <summary>
/// The metric history of one run as the page knows it: a (thinned) curve loaded from the store, extended by
/// live progress. Keyed by step, so a point delivered twice (load and stream overlap) counts once.
/// </summary>
public sealed class RunCurves(string runId, string arch)
{
    // Per metric name, points in ascending step order: live points arrive in order, so adding is an append.
    private readonly Dictionary<string, List<(int Step, double Value)>> byName = [];

    public string RunId { get; } = runId;
    public string Arch { get; } = arch;

    public void Add(IEnumerable<MetricPoint> points)
    {
        foreach (var point in points)
            Upsert(Series(point.Name), point.Step, point.Value);
    }

    public void Add(MetricSeries curve)
    {
        var series = Series(curve.Name);
        for (var i = 0; i < curve.Steps.Length; i++)
            Upsert(series, curve.Steps[i], curve.Values[i]);
    }

    public int Count(string name) => byName.TryGetValue(name, out var series) ? series.Count : 0;

    public IReadOnlyList<(double X, double Y)> Points(string name) =>
        byName.TryGetValue(name, out var series) ? series.Select(p => ((double)p.Step, p.Value)).ToArray() : [];

    /// <summary>At most <paramref name="maxPoints"/> points, thinned for a log y axis (see CurveThinning).</summary>
    public IReadOnlyList<(double X, double Y)> Thinned(string name, int maxPoints)
    {
        if (!byName.TryGetValue(name, out var series))
            return [];
        if (series.Count <= maxPoints)
            return Points(name);
        var steps = series.Select(p => p.Step).ToArray();
        var values = series.Select(p => p.Value).ToArray();
        return CurveThinning.KeptIndices(steps, values, maxPoints).Select(i => ((double)steps[i], values[i])).ToArray();
    }

    private List<(int Step, double Value)> Series(string name) =>
        byName.TryGetValue(name, out var series) ? series : byName[name] = [];

    private static void Upsert(List<(int Step, double Value)> series, int step, double value)
    {
        if (series.Count == 0 || step > series[^1].Step)
        {
            series.Add((step, value));
            return;
        }
        var (low, high) = (0, series.Count - 1);
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (series[mid].Step == step)
            {
                series[mid] = (step, value);
                return;
            }
            (low, high) = series[mid].Step < step ? (mid + 1, high) : (low, mid - 1);
        }
        series.Insert(low, (step, value));
    }
}
