using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Storage;

namespace MinRnnLab.Grains.Metrics;

/// <summary>
/// Reads thinned curves through the store's summaries: a summary whose last step is still the run's last stored
/// step is used as is; the others are rebuilt from the raw points, thinned and stored again. A finished sweep of
/// hundreds of runs thus costs a few hundred points per run, not every step, and only runs that moved on are re-read.
/// </summary>
public sealed class CurveReader(IMetricsStore metrics)
{
    public async Task<MetricSeries[]> ReadAsync(string[] runIds, string[] names, int maxPoints)
    {
        var lastPoints = await metrics.ReadLastPointsAsync(runIds, names);
        var current = (await metrics.ReadSummariesAsync(runIds, names, maxPoints))
            .Where(s => lastPoints.TryGetValue((s.RunId, s.Name), out var last) && last.Step == s.LastStep)
            .ToDictionary(s => (s.RunId, s.Name));
        var stale = runIds.Where(run => names.Any(name => lastPoints.ContainsKey((run, name)) && !current.ContainsKey((run, name)))).ToArray();
        if (stale.Length > 0)
        {
            var rebuilt = (await metrics.ReadSeriesAsync(stale, names)).Select(series => Summarize(series, maxPoints)).ToList();
            await metrics.WriteSummariesAsync(rebuilt);
            foreach (var summary in rebuilt)
                current[(summary.RunId, summary.Name)] = summary;
        }
        return runIds.SelectMany(run => names.Where(name => current.ContainsKey((run, name))).Select(name =>
        {
            var s = current[(run, name)];
            return new MetricSeries(s.RunId, s.Name, s.Steps, s.Values, s.StoredPoints);
        })).ToArray();
    }

    // The last step comes from the points read, not the earlier lookup: points appended in between are included.
    private static CurveSummary Summarize(StoredSeries series, int maxPoints)
    {
        var (steps, values) = CurveThinning.Thin(series.Steps, series.Values, maxPoints);
        return new CurveSummary(series.RunId, series.Name, maxPoints, series.Steps[^1], series.Steps.Length, steps, values);
    }
}
