namespace MinRnnLab.Storage;

/// <summary>
/// Metrics in a SQLite table keyed by (run_id, name, step): the embedded default. Tables are named as in PostgreSQL
/// (run_metrics, run_curve_summaries), so one name means one table whichever store holds it.
/// </summary>
public sealed partial class SqliteMetricsStore(SqliteDatabase database) : IMetricsStore
{
    public string Location => database.Path;

    public async Task InitializeAsync(CancellationToken cancel = default)
    {
        // Builds before the names were shared called them metrics and curve_summaries: their rows are kept, renamed.
        await database.RenameTableAsync("metrics", "run_metrics", cancel);
        await database.RenameTableAsync("curve_summaries", "run_curve_summaries", cancel);
        await database.ExecuteAsync(Schema, cancel);
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS run_metrics (
            run_id TEXT NOT NULL,
            name   TEXT NOT NULL,
            step   INTEGER NOT NULL,
            value  REAL NOT NULL,
            PRIMARY KEY (run_id, name, step)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS run_curve_summaries (
            run_id        TEXT NOT NULL,
            name          TEXT NOT NULL,
            max_points    INTEGER NOT NULL,
            last_step     INTEGER NOT NULL,
            stored_points INTEGER NOT NULL,
            steps         BLOB NOT NULL,
            vals          BLOB NOT NULL,
            PRIMARY KEY (run_id, name, max_points)
        ) WITHOUT ROWID;
        """;

    public async Task AppendAsync(string runId, IReadOnlyList<(int Step, string Name, double Value)> points, CancellationToken cancel = default)
    {
        if (points.Count == 0)
            return;
        await using var connection = await database.OpenAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO run_metrics (run_id, name, step, value) VALUES ($run, $name, $step, $value)";
        var run = command.Parameters.Add("$run", Microsoft.Data.Sqlite.SqliteType.Text);
        var name = command.Parameters.Add("$name", Microsoft.Data.Sqlite.SqliteType.Text);
        var step = command.Parameters.Add("$step", Microsoft.Data.Sqlite.SqliteType.Integer);
        var value = command.Parameters.Add("$value", Microsoft.Data.Sqlite.SqliteType.Real);
        run.Value = runId;
        foreach (var point in points)
        {
            (name.Value, step.Value, value.Value) = (point.Name, point.Step, point.Value);
            await command.ExecuteNonQueryAsync(cancel);
        }
        await transaction.CommitAsync(cancel);
    }

    public async Task<IReadOnlyList<StoredMetric>> ReadAsync(string runId, string? name = null, CancellationToken cancel = default)
    {
        var result = new List<StoredMetric>();
        await using var connection = await database.OpenAsync(cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT run_id, step, name, value FROM run_metrics WHERE run_id = $run"
                              + (name is null ? "" : " AND name = $name") + " ORDER BY step, name";
        command.Parameters.AddWithValue("$run", runId);
        if (name is not null)
            command.Parameters.AddWithValue("$name", name);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
            result.Add(new StoredMetric(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetDouble(3)));
        return result;
    }

    public async Task<IReadOnlyList<StoredSeries>> ReadSeriesAsync(IReadOnlyCollection<string> runIds, IReadOnlyCollection<string> names, CancellationToken cancel = default)
    {
        var result = new List<StoredSeries>();
        await using var connection = await database.OpenAsync(cancel);
        await using var command = connection.CreateCommand();
        // One prepared statement per (run, name): each is a range scan of the primary key, already in step order,
        // and reads only numbers — no run id or name string per row.
        command.CommandText = "SELECT step, value FROM run_metrics WHERE run_id = $run AND name = $name ORDER BY step";
        var run = command.Parameters.Add("$run", Microsoft.Data.Sqlite.SqliteType.Text);
        var name = command.Parameters.Add("$name", Microsoft.Data.Sqlite.SqliteType.Text);
        var (steps, values) = (new List<int>(), new List<double>());
        foreach (var runId in runIds)
            foreach (var metric in names)
            {
                (run.Value, name.Value) = (runId, metric);
                steps.Clear();
                values.Clear();
                await using (var reader = await command.ExecuteReaderAsync(cancel))
                    while (reader.Read())
                    {
                        steps.Add(reader.GetInt32(0));
                        values.Add(reader.GetDouble(1));
                    }
                if (steps.Count > 0)
                    result.Add(new StoredSeries(runId, metric, [.. steps], [.. values]));
            }
        return result;
    }
}
