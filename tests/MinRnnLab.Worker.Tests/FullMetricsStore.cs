using Microsoft.Data.Sqlite;
using MinRnnLab.Storage;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// A real metrics store whose disk "fills" once, after a given number of stored batches: from then on every append
/// throws what SQLite reports for a full disk (SQLITE_FULL), storing nothing, until <see cref="Free"/>.
/// Reads always reach the real store.
/// </summary>
public sealed class FullMetricsStore(IMetricsStore store, int fillAfterAppends) : IMetricsStore
{
    private const int SqliteFull = 13;
    private int appends;
    private int refused;
    private volatile bool full;

    /// <summary>Batches refused while full: the first one, then every offer of it again.</summary>
    public int Refused => Volatile.Read(ref refused);

    public void Free() => full = false;

    public string Location => store.Location;

    public Task InitializeAsync(CancellationToken cancel = default) => store.InitializeAsync(cancel);

    public Task AppendAsync(string runId, IReadOnlyList<(int Step, string Name, double Value)> points, CancellationToken cancel = default)
    {
        if (points.Count == 0)
            return Task.CompletedTask;
        if (Interlocked.Increment(ref appends) == fillAfterAppends + 1)
            full = true;                                                                // once: Free() empties it for good
        if (full)
        {
            Interlocked.Increment(ref refused);
            throw new SqliteException("SQLite Error 13: 'database or disk is full'.", SqliteFull);
        }
        return store.AppendAsync(runId, points, cancel);
    }

    public Task<IReadOnlyList<StoredMetric>> ReadAsync(string runId, string? name = null, CancellationToken cancel = default) =>
        store.ReadAsync(runId, name, cancel);

    public Task<IReadOnlyList<StoredSeries>> ReadSeriesAsync(IReadOnlyCollection<string> runIds, IReadOnlyCollection<string> names, CancellationToken cancel = default) =>
        store.ReadSeriesAsync(runIds, names, cancel);

    public Task<IReadOnlyDictionary<(string RunId, string Name), LastPoint>> ReadLastPointsAsync(IReadOnlyCollection<string> runIds, IReadOnlyCollection<string> names, CancellationToken cancel = default) =>
        store.ReadLastPointsAsync(runIds, names, cancel);

    public Task<IReadOnlyList<CurveSummary>> ReadSummariesAsync(IReadOnlyCollection<string> runIds, IReadOnlyCollection<string> names, int maxPoints, CancellationToken cancel = default) =>
        store.ReadSummariesAsync(runIds, names, maxPoints, cancel);

    public Task WriteSummariesAsync(IReadOnlyCollection<CurveSummary> summaries, CancellationToken cancel = default) =>
        store.WriteSummariesAsync(summaries, cancel);

    public Task<long> DeleteAsync(IReadOnlyCollection<string> runIds, CancellationToken cancel = default) => store.DeleteAsync(runIds, cancel);
}
