using Npgsql;

namespace MinRnnLab.Storage.Postgres;

/// <summary>Deleting runs' points and summaries (a deleted sweep or run): one transaction, so a crash removes all or none.</summary>
public sealed partial class PostgresMetricsStore
{
    public async Task<long> DeleteAsync(IReadOnlyCollection<string> runIds, CancellationToken cancel = default)
    {
        if (runIds.Count == 0)
            return 0;
        var ids = runIds.Distinct().ToArray();
        await using var connection = await database.OpenConnectionAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await using var points = new NpgsqlCommand("DELETE FROM run_metrics WHERE run_id = ANY($1)", connection, transaction);
        points.Parameters.Add(new NpgsqlParameter { Value = ids });
        var removed = await points.ExecuteNonQueryAsync(cancel);
        await using var summaries = new NpgsqlCommand("DELETE FROM run_curve_summaries WHERE run_id = ANY($1)", connection, transaction);
        summaries.Parameters.Add(new NpgsqlParameter { Value = ids });
        await summaries.ExecuteNonQueryAsync(cancel);
        await transaction.CommitAsync(cancel);
        return removed;
    }
}
