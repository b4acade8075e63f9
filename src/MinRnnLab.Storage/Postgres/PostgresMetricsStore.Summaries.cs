using Npgsql;

namespace MinRnnLab.Storage.Postgres;

/// <summary>Thinned curves in run_curve_summaries (005-curve-summaries.sql), steps and values as arrays.</summary>
public sealed partial class PostgresMetricsStore
{
    public async Task<IReadOnlyDictionary<(string RunId, string Name), LastPoint>> ReadLastPointsAsync(
        IReadOnlyCollection<string> runIds, IReadOnlyCollection<string> names, CancellationToken cancel = default)
    {
        var result = new Dictionary<(string, string), LastPoint>();
        if (runIds.Count == 0 || names.Count == 0)
            return result;
        // A lateral newest-first LIMIT 1 per pair is an index seek each; a GROUP BY would scan every point of the sweep.
        await using var command = database.CreateCommand("""
            SELECT r, n, last.step, last.value
            FROM unnest($1::text[]) AS r CROSS JOIN unnest($2::text[]) AS n
            CROSS JOIN LATERAL (SELECT step, value FROM run_metrics WHERE run_id = r AND name = n ORDER BY step DESC LIMIT 1) AS last
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = runIds.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = names.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
            result[(reader.GetString(0), reader.GetString(1))] = new LastPoint(reader.GetInt32(2), reader.GetDouble(3));
        return result;
    }

    public async Task<IReadOnlyList<CurveSummary>> ReadSummariesAsync(
        IReadOnlyCollection<string> runIds, IReadOnlyCollection<string> names, int maxPoints, CancellationToken cancel = default)
    {
        var result = new List<CurveSummary>();
        if (runIds.Count == 0 || names.Count == 0)
            return result;
        await using var command = database.CreateCommand("""
            SELECT run_id, name, last_step, stored_points, steps, vals FROM run_curve_summaries
            WHERE run_id = ANY($1) AND name = ANY($2) AND max_points = $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = runIds.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = names.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = maxPoints });
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
            result.Add(new CurveSummary(reader.GetString(0), reader.GetString(1), maxPoints, reader.GetInt32(2), reader.GetInt32(3),
                reader.GetFieldValue<int[]>(4), reader.GetFieldValue<double[]>(5)));
        return result;
    }

    public async Task WriteSummariesAsync(IReadOnlyCollection<CurveSummary> summaries, CancellationToken cancel = default)
    {
        if (summaries.Count == 0)
            return;
        await using var batch = database.CreateBatch();
        foreach (var summary in summaries)
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO run_curve_summaries (run_id, name, max_points, last_step, stored_points, steps, vals)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (run_id, name, max_points) DO UPDATE SET
                    last_step = excluded.last_step, stored_points = excluded.stored_points, steps = excluded.steps, vals = excluded.vals
                """);
            foreach (var value in new object[] { summary.RunId, summary.Name, summary.MaxPoints, summary.LastStep, summary.StoredPoints, summary.Steps, summary.Values })
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancel);
    }
}
