using Npgsql;

namespace MinRnnLab.Storage.Postgres;

/// <summary>Trial rows in the cluster's database (006-sweep-trials.sql), upserted one statement per write.</summary>
public sealed class PostgresSweepTrialStore(NpgsqlDataSource database) : ISweepTrialStore
{
    public async Task InitializeAsync(CancellationToken cancel = default) => await PostgresSchema.EnsureAsync(database, cancel);

    public Task WriteAsync(string sweepId, int trialIndex, string payload, CancellationToken cancel = default) =>
        WriteManyAsync(sweepId, [(trialIndex, payload)], cancel);

    public async Task WriteManyAsync(string sweepId, IReadOnlyList<(int TrialIndex, string Payload)> rows, CancellationToken cancel = default)
    {
        if (rows.Count == 0)
            return;
        // A list may repeat an index: keep the last, as the SQLite store's INSERT OR REPLACE does.
        var unique = rows.GroupBy(r => r.TrialIndex).Select(g => g.Last()).ToArray();
        await using var command = database.CreateCommand("""
            INSERT INTO sweep_trials (sweep_id, trial_index, payload)
            SELECT $1, trial_index, payload FROM unnest($2::integer[], $3::text[]) AS r(trial_index, payload)
            ON CONFLICT (sweep_id, trial_index) DO UPDATE SET payload = excluded.payload
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = sweepId });
        command.Parameters.Add(new NpgsqlParameter { Value = unique.Select(r => r.TrialIndex).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = unique.Select(r => r.Payload).ToArray() });
        await command.ExecuteNonQueryAsync(cancel);
    }

    public async Task<IReadOnlyList<string>> ReadAsync(string sweepId, CancellationToken cancel = default)
    {
        var rows = new List<string>();
        await using var command = database.CreateCommand("SELECT payload FROM sweep_trials WHERE sweep_id = $1 ORDER BY trial_index");
        command.Parameters.Add(new NpgsqlParameter { Value = sweepId });
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
            rows.Add(reader.GetString(0));
        return rows;
    }

    public async Task<int> DeleteAsync(string sweepId, IReadOnlyCollection<int>? trialIndexes = null, CancellationToken cancel = default)
    {
        // A null array matches every trial of the sweep.
        await using var command = database.CreateCommand("DELETE FROM sweep_trials WHERE sweep_id = $1 AND ($2::integer[] IS NULL OR trial_index = ANY($2))");
        command.Parameters.Add(new NpgsqlParameter { Value = sweepId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)trialIndexes?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Integer });
        return await command.ExecuteNonQueryAsync(cancel);
    }
}
