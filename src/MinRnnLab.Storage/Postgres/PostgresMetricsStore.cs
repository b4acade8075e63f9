using Npgsql;
using NpgsqlTypes;

namespace MinRnnLab.Storage.Postgres;

/// <summary>
/// Metrics in PostgreSQL for clusters. One statement per batch (arrays unnested), upserting on (run_id, name, step):
/// a batch retried after a lost answer, or re-sent by a resumed run, overwrites instead of duplicating.
/// </summary>
public sealed partial class PostgresMetricsStore(NpgsqlDataSource database) : IMetricsStore
{
    public string Location { get; } = Describe(database);

    // The table comes with the schema scripts (004-metrics.sql), applied by PostgresSchema.
    public async Task InitializeAsync(CancellationToken cancel = default) => await PostgresSchema.EnsureAsync(database, cancel);

    public async Task AppendAsync(string runId, IReadOnlyList<(int Step, string Name, double Value)> points, CancellationToken cancel = default)
    {
        if (points.Count == 0)
            return;
        // A batch may repeat a (name, step): keep the last, as the SQLite store's INSERT OR REPLACE does.
        var unique = points.GroupBy(p => (p.Name, p.Step)).Select(g => g.Last()).ToArray();
        await using var command = database.CreateCommand("""
            INSERT INTO run_metrics (run_id, name, step, value)
            SELECT $1, name, step, value FROM unnest($2::text[], $3::integer[], $4::double precision[]) AS p(name, step, value)
            ON CONFLICT (run_id, name, step) DO UPDATE SET value = excluded.value
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = runId });
        command.Parameters.Add(new NpgsqlParameter { Value = unique.Select(p => p.Name).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = unique.Select(p => p.Step).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = unique.Select(p => p.Value).ToArray() });
        await command.ExecuteNonQueryAsync(cancel);
    }

    public async Task<IReadOnlyList<StoredMetric>> ReadAsync(string runId, string? name = null, CancellationToken cancel = default)
    {
        var result = new List<StoredMetric>();
        await using var command = database.CreateCommand("""
            SELECT run_id, step, name, value FROM run_metrics
            WHERE run_id = $1 AND ($2::text IS NULL OR name = $2)
            ORDER BY step, name
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = runId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
            result.Add(new StoredMetric(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetDouble(3)));
        return result;
    }

    public async Task<IReadOnlyList<StoredSeries>> ReadSeriesAsync(IReadOnlyCollection<string> runIds, IReadOnlyCollection<string> names, CancellationToken cancel = default)
    {
        var found = new Dictionary<(string RunId, string Name), (List<int> Steps, List<double> Values)>();
        if (runIds.Count == 0 || names.Count == 0)
            return [];
        // One round trip for the whole sweep; rows arrive grouped by (run, name) in step order.
        await using var command = database.CreateCommand("""
            SELECT run_id, name, step, value FROM run_metrics
            WHERE run_id = ANY($1) AND name = ANY($2)
            ORDER BY run_id, name, step
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = runIds.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = names.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancel);
        (string RunId, string Name) key = ("", "");
        (List<int> Steps, List<double> Values) series = ([], []);
        while (await reader.ReadAsync(cancel))
        {
            var (runId, name) = (reader.GetString(0), reader.GetString(1));
            if (runId != key.RunId || name != key.Name)
                found[key = (runId, name)] = series = ([], []);
            series.Steps.Add(reader.GetInt32(2));
            series.Values.Add(reader.GetDouble(3));
        }
        return [.. from runId in runIds
                   from name in names
                   where found.ContainsKey((runId, name))
                   let points = found[(runId, name)]
                   select new StoredSeries(runId, name, [.. points.Steps], [.. points.Values])];
    }

    /// <summary>Server and database, never the credentials a connection string may hold.</summary>
    private static string Describe(NpgsqlDataSource database)
    {
        var settings = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        return $"PostgreSQL {settings.Host}:{settings.Port}/{settings.Database}";
    }
}
