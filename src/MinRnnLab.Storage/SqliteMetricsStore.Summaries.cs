using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace MinRnnLab.Storage;

/// <summary>Thinned curves in the run_curve_summaries table; steps and values as little-endian BLOBs.</summary>
public sealed partial class SqliteMetricsStore
{
    public async Task<IReadOnlyDictionary<(string RunId, string Name), LastPoint>> ReadLastPointsAsync(
        IReadOnlyCollection<string> runIds, IReadOnlyCollection<string> names, CancellationToken cancel = default)
    {
        var result = new Dictionary<(string, string), LastPoint>();
        await using var connection = await database.OpenAsync(cancel);
        await using var command = connection.CreateCommand();
        // Descending over the primary key's last column with the first two fixed is a single index seek.
        command.CommandText = "SELECT step, value FROM run_metrics WHERE run_id = $run AND name = $name ORDER BY step DESC LIMIT 1";
        var (run, name) = (command.Parameters.Add("$run", SqliteType.Text), command.Parameters.Add("$name", SqliteType.Text));
        foreach (var runId in runIds)
            foreach (var metric in names)
            {
                (run.Value, name.Value) = (runId, metric);
                await using var reader = await command.ExecuteReaderAsync(cancel);
                if (await reader.ReadAsync(cancel))
                    result[(runId, metric)] = new LastPoint(reader.GetInt32(0), reader.GetDouble(1));
            }
        return result;
    }

    public async Task<IReadOnlyList<CurveSummary>> ReadSummariesAsync(
        IReadOnlyCollection<string> runIds, IReadOnlyCollection<string> names, int maxPoints, CancellationToken cancel = default)
    {
        var result = new List<CurveSummary>();
        await using var connection = await database.OpenAsync(cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT last_step, stored_points, steps, vals FROM run_curve_summaries
            WHERE run_id = $run AND name = $name AND max_points = $max
            """;
        var (run, name) = (command.Parameters.Add("$run", SqliteType.Text), command.Parameters.Add("$name", SqliteType.Text));
        command.Parameters.AddWithValue("$max", maxPoints);
        foreach (var runId in runIds)
            foreach (var metric in names)
            {
                (run.Value, name.Value) = (runId, metric);
                await using var reader = await command.ExecuteReaderAsync(cancel);
                if (reader.Read())
                    result.Add(new CurveSummary(runId, metric, maxPoints, reader.GetInt32(0), reader.GetInt32(1),
                        MemoryMarshal.Cast<byte, int>((byte[])reader[2]).ToArray(), MemoryMarshal.Cast<byte, double>((byte[])reader[3]).ToArray()));
            }
        return result;
    }

    public async Task WriteSummariesAsync(IReadOnlyCollection<CurveSummary> summaries, CancellationToken cancel = default)
    {
        if (summaries.Count == 0)
            return;
        await using var connection = await database.OpenAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO run_curve_summaries (run_id, name, max_points, last_step, stored_points, steps, vals)
            VALUES ($run, $name, $max, $last, $stored, $steps, $vals)
            """;
        foreach (var summary in summaries)
        {
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$run", summary.RunId);
            command.Parameters.AddWithValue("$name", summary.Name);
            command.Parameters.AddWithValue("$max", summary.MaxPoints);
            command.Parameters.AddWithValue("$last", summary.LastStep);
            command.Parameters.AddWithValue("$stored", summary.StoredPoints);
            command.Parameters.AddWithValue("$steps", MemoryMarshal.AsBytes(summary.Steps.AsSpan()).ToArray());
            command.Parameters.AddWithValue("$vals", MemoryMarshal.AsBytes(summary.Values.AsSpan()).ToArray());
            await command.ExecuteNonQueryAsync(cancel);
        }
        await transaction.CommitAsync(cancel);
    }
}
