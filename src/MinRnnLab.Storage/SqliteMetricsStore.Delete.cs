namespace MinRnnLab.Storage;

/// <summary>Deleting runs' points and summaries (a deleted sweep or run): one transaction, so a crash removes all or none.</summary>
public sealed partial class SqliteMetricsStore
{
    public async Task<long> DeleteAsync(IReadOnlyCollection<string> runIds, CancellationToken cancel = default)
    {
        if (runIds.Count == 0)
            return 0;
        await using var connection = await database.OpenAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await using var points = connection.CreateCommand();
        await using var summaries = connection.CreateCommand();
        // Each a range delete on the primary key's first column: only these runs' rows are read or written.
        points.CommandText = "DELETE FROM run_metrics WHERE run_id = $run";
        summaries.CommandText = "DELETE FROM run_curve_summaries WHERE run_id = $run";
        var (pointRun, summaryRun) = (points.Parameters.Add("$run", Microsoft.Data.Sqlite.SqliteType.Text), summaries.Parameters.Add("$run", Microsoft.Data.Sqlite.SqliteType.Text));
        long removed = 0;
        foreach (var runId in runIds.Distinct())
        {
            (pointRun.Value, summaryRun.Value) = (runId, runId);
            removed += await points.ExecuteNonQueryAsync(cancel);
            await summaries.ExecuteNonQueryAsync(cancel);
        }
        await transaction.CommitAsync(cancel);
        return removed;
    }
}
