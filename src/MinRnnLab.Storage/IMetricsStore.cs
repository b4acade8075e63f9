namespace MinRnnLab.Storage;

/// <summary>One stored measurement of a run.</summary>
public sealed record StoredMetric(string RunId, int Step, string Name, double Value);

/// <summary>The newest stored point of one run's metric: its step and value.</summary>
public readonly record struct LastPoint(int Step, double Value);

/// <summary>One run's points of one metric, ordered by step, as parallel arrays (no object per point).</summary>
public sealed record StoredSeries(string RunId, string Name, int[] Steps, double[] Values);

/// <summary>
/// Step-level metrics of every run, kept out of grain state in an indexed table.
/// Appends are idempotent per (run, step, name), so a resumed or retried batch never duplicates points.
/// </summary>
public interface IMetricsStore
{
    /// <summary>Where the points are kept, for people ("waiting: disk full at …"): a file, or a database server and name.</summary>
    string Location { get; }

    Task InitializeAsync(CancellationToken cancel = default);

    Task AppendAsync(string runId, IReadOnlyList<(int Step, string Name, double Value)> points, CancellationToken cancel = default);

    /// <summary>A run's points ordered by step, optionally only one metric name.</summary>
    Task<IReadOnlyList<StoredMetric>> ReadAsync(string runId, string? name = null, CancellationToken cancel = default);

    /// <summary>
    /// Curves of many runs for a few metric names: one series per (run, name) with points, in the order of
    /// <paramref name="runIds"/> then <paramref name="names"/>. Reads a sweep's million points without building
    /// a million objects.
    /// </summary>
    Task<IReadOnlyList<StoredSeries>> ReadSeriesAsync(IReadOnlyCollection<string> runIds, IReadOnlyCollection<string> names, CancellationToken cancel = default);

    /// <summary>
    /// The last stored point of each (run, name) that has points: an index seek each, not a scan. Its step says whether
    /// a summary is current; its value is the run's final metric (the Runs page's "final" column).
    /// </summary>
    Task<IReadOnlyDictionary<(string RunId, string Name), LastPoint>> ReadLastPointsAsync(IReadOnlyCollection<string> runIds, IReadOnlyCollection<string> names, CancellationToken cancel = default);

    /// <summary>Stored summaries of these runs and names made for a budget of <paramref name="maxPoints"/> points.</summary>
    Task<IReadOnlyList<CurveSummary>> ReadSummariesAsync(IReadOnlyCollection<string> runIds, IReadOnlyCollection<string> names, int maxPoints, CancellationToken cancel = default);

    /// <summary>Stores summaries, replacing older ones of the same (run, name, budget).</summary>
    Task WriteSummariesAsync(IReadOnlyCollection<CurveSummary> summaries, CancellationToken cancel = default);

    /// <summary>
    /// Removes every point and stored summary of these runs, and nothing of any other run, in one transaction; returns
    /// how many points were removed. Deleting runs with nothing stored (or deleting twice) removes nothing and is fine.
    /// </summary>
    Task<long> DeleteAsync(IReadOnlyCollection<string> runIds, CancellationToken cancel = default);
}
