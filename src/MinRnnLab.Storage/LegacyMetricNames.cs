namespace MinRnnLab.Storage;

/// <summary>
/// Reads metrics stored under a name older builds gave them as if they had been stored under today's: a data folder
/// (or database) written before the learning rate's points were named `learning_rate` (MinRnnLab.Config.MetricNames)
/// reads back whole, and nothing stored is rewritten. A run resumed across the upgrade has points under both names:
/// they read back as one curve. Writes and deletes pass through unchanged.
/// </summary>
public sealed class LegacyMetricNames(IMetricsStore store) : IMetricsStore
{
    /// <summary>Today's name of each name older builds stored.</summary>
    private static readonly Dictionary<string, string> CurrentOf = new() { ["lr"] = "learning_rate" };

    public string Location => store.Location;

    public Task InitializeAsync(CancellationToken cancel = default) => store.InitializeAsync(cancel);

    public Task AppendAsync(string runId, IReadOnlyList<(int Step, string Name, double Value)> points, CancellationToken cancel = default) =>
        store.AppendAsync(runId, points, cancel);

    public Task WriteSummariesAsync(IReadOnlyCollection<CurveSummary> summaries, CancellationToken cancel = default) =>
        store.WriteSummariesAsync(summaries, cancel);

    public Task<long> DeleteAsync(IReadOnlyCollection<string> runIds, CancellationToken cancel = default) => store.DeleteAsync(runIds, cancel);

    public async Task<IReadOnlyList<StoredMetric>> ReadAsync(string runId, string? name = null, CancellationToken cancel = default)
    {
        if (name is not null && OldNamesOf(name).Count == 0)
            return await store.ReadAsync(runId, name, cancel);
        var points = new List<StoredMetric>();
        List<string?> asked = name is null ? [null] : [.. StoredNames([name])];
        foreach (var stored in asked)
            points.AddRange(await store.ReadAsync(runId, stored, cancel));
        return points.Select(p => p with { Name = Current(p.Name) })
            .OrderBy(p => p.Step).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<StoredSeries>> ReadSeriesAsync(IReadOnlyCollection<string> runIds, IReadOnlyCollection<string> names, CancellationToken cancel = default)
    {
        var series = await store.ReadSeriesAsync(runIds, StoredNames(names), cancel);
        if (!series.Any(s => CurrentOf.ContainsKey(s.Name)))
            return series;
        var byKey = series.GroupBy(s => (s.RunId, Name: Current(s.Name))).ToDictionary(g => g.Key, Merge);
        return [.. from runId in runIds from name in names where byKey.ContainsKey((runId, name)) select byKey[(runId, name)]];
    }

    public async Task<IReadOnlyDictionary<(string RunId, string Name), LastPoint>> ReadLastPointsAsync(
        IReadOnlyCollection<string> runIds, IReadOnlyCollection<string> names, CancellationToken cancel = default)
    {
        var points = await store.ReadLastPointsAsync(runIds, StoredNames(names), cancel);
        var result = new Dictionary<(string RunId, string Name), LastPoint>();
        foreach (var ((runId, name), point) in points)
        {
            var key = (runId, Current(name));
            if (!result.TryGetValue(key, out var other) || other.Step < point.Step)
                result[key] = point;                                                    // the later of the two names' last points
        }
        return result;
    }

    public async Task<IReadOnlyList<CurveSummary>> ReadSummariesAsync(
        IReadOnlyCollection<string> runIds, IReadOnlyCollection<string> names, int maxPoints, CancellationToken cancel = default)
    {
        var summaries = await store.ReadSummariesAsync(runIds, StoredNames(names), maxPoints, cancel);
        // A summary under today's name is the newer one (made from both names' points): it wins over an old name's.
        return summaries.GroupBy(s => (s.RunId, Name: Current(s.Name)))
            .Select(g => g.FirstOrDefault(s => s.Name == g.Key.Name) ?? g.First() with { Name = g.Key.Name }).ToList();
    }

    private static string Current(string stored) => CurrentOf.GetValueOrDefault(stored, stored);

    private static List<string> OldNamesOf(string name) => [.. CurrentOf.Where(p => p.Value == name).Select(p => p.Key)];

    /// <summary>The names asked for and the old names of each.</summary>
    private static List<string> StoredNames(IEnumerable<string> names) => [.. names.SelectMany(n => OldNamesOf(n).Prepend(n)).Distinct()];

    private static StoredSeries Merge(IGrouping<(string RunId, string Name), StoredSeries> parts)
    {
        if (parts.Count() == 1)
            return parts.First() with { Name = parts.Key.Name };
        var points = parts.SelectMany(s => s.Steps.Zip(s.Values)).OrderBy(p => p.First).ToList();
        return new StoredSeries(parts.Key.RunId, parts.Key.Name, [.. points.Select(p => p.First)], [.. points.Select(p => p.Second)]);
    }
}
