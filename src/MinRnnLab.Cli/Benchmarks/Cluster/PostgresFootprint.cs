using Npgsql;

namespace MinRnnLab.Cli.Benchmarks.Cluster;

/// <summary>Rows and bytes (pg_total_relation_size: table, indexes, TOAST) of every table of the cluster's database.</summary>
public sealed record PostgresFootprint(long Rows, long Bytes, IReadOnlyDictionary<string, (long Rows, long Bytes)> Tables)
{
    public static async Task<PostgresFootprint> ReadAsync(string connectionString, CancellationToken cancel = default)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        var names = new List<string>();
        await using (var list = database.CreateCommand(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = 'public'"))
        await using (var reader = await list.ExecuteReaderAsync(cancel))
            while (await reader.ReadAsync(cancel))
                names.Add(reader.GetString(0));
        var tables = new Dictionary<string, (long, long)>();
        foreach (var name in names)
        {
            // Counted, not estimated: n_live_tup lags behind until autovacuum's next analyse.
            await using var count = database.CreateCommand($"SELECT count(*), pg_total_relation_size('public.\"{name}\"') FROM public.\"{name}\"");
            await using var reader = await count.ExecuteReaderAsync(cancel);
            await reader.ReadAsync(cancel);
            tables[name] = (reader.GetInt64(0), reader.GetInt64(1));
        }
        return new PostgresFootprint(tables.Values.Sum(t => t.Item1), tables.Values.Sum(t => t.Item2), tables);
    }

    /// <summary>A new, empty database on the server of <paramref name="serverConnection"/>; its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string serverConnection, string name, CancellationToken cancel = default)
    {
        await using var admin = NpgsqlDataSource.Create(serverConnection);
        await using var create = admin.CreateCommand($"CREATE DATABASE {name}");
        await create.ExecuteNonQueryAsync(cancel);
        return new NpgsqlConnectionStringBuilder(serverConnection) { Database = name, Pooling = true, MaxPoolSize = 50 }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string serverConnection, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = NpgsqlDataSource.Create(serverConnection);
        await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        await drop.ExecuteNonQueryAsync();
    }
}
