namespace MinRnnLab.Storage;

/// <summary>Trial rows in the embedded state database, beside the grain state they belong with.</summary>
public sealed class SqliteSweepTrialStore(SqliteDatabase database, WriteMeter? meter = null) : ISweepTrialStore
{
    public Task InitializeAsync(CancellationToken cancel = default) => database.ExecuteAsync("""
        CREATE TABLE IF NOT EXISTS sweep_trials (
            sweep_id    TEXT NOT NULL,
            trial_index INTEGER NOT NULL,
            payload     TEXT NOT NULL,
            PRIMARY KEY (sweep_id, trial_index)
        ) WITHOUT ROWID;
        """, cancel);

    public Task WriteAsync(string sweepId, int trialIndex, string payload, CancellationToken cancel = default) =>
        WriteManyAsync(sweepId, [(trialIndex, payload)], cancel);

    public async Task WriteManyAsync(string sweepId, IReadOnlyList<(int TrialIndex, string Payload)> rows, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO sweep_trials (sweep_id, trial_index, payload) VALUES ($sweep, $index, $payload)";
        command.Parameters.AddWithValue("$sweep", sweepId);
        var index = command.Parameters.Add("$index", Microsoft.Data.Sqlite.SqliteType.Integer);
        var payload = command.Parameters.Add("$payload", Microsoft.Data.Sqlite.SqliteType.Text);
        foreach (var row in rows)
        {
            (index.Value, payload.Value) = (row.TrialIndex, row.Payload);
            await command.ExecuteNonQueryAsync(cancel);
            meter?.Add(row.Payload);
        }
        await transaction.CommitAsync(cancel);
    }

    public async Task<IReadOnlyList<string>> ReadAsync(string sweepId, CancellationToken cancel = default)
    {
        var rows = new List<string>();
        await using var connection = await database.OpenAsync(cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM sweep_trials WHERE sweep_id = $sweep ORDER BY trial_index";
        command.Parameters.AddWithValue("$sweep", sweepId);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
            rows.Add(reader.GetString(0));
        return rows;
    }

    public async Task<int> DeleteAsync(string sweepId, IReadOnlyCollection<int>? trialIndexes = null, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$sweep", sweepId);
        var removed = 0;
        if (trialIndexes is null)
        {
            command.CommandText = "DELETE FROM sweep_trials WHERE sweep_id = $sweep";
            removed = await command.ExecuteNonQueryAsync(cancel);
        }
        else
        {
            command.CommandText = "DELETE FROM sweep_trials WHERE sweep_id = $sweep AND trial_index = $index";
            var index = command.Parameters.Add("$index", Microsoft.Data.Sqlite.SqliteType.Integer);
            foreach (var trial in trialIndexes.Distinct())
            {
                index.Value = trial;
                removed += await command.ExecuteNonQueryAsync(cancel);
            }
        }
        await transaction.CommitAsync(cancel);
        return removed;
    }
}
