using MinRnnLab.Storage.Postgres;
using MinRnnLab.Tests.Shared;
using Npgsql;

namespace MinRnnLab.Storage.Tests;

/// <summary>One name per table: what the SQLite stores create, the PostgreSQL schema creates under the same names.</summary>
public sealed class TableNamesTests : IDisposable
{
    private readonly SqliteFolder files = new();

    [Fact]
    public async Task EveryTableOfTheSqliteStoresHasItsNameInPostgres()
    {
        var metrics = files.Database("metrics.db");
        var state = files.Database("state.db");
        await new SqliteMetricsStore(metrics).InitializeAsync();
        await new SqliteSweepTrialStore(state).InitializeAsync();
        await using var postgres = NpgsqlDataSource.Create(await PostgresServer.CreateDatabaseAsync());
        await PostgresSchema.EnsureAsync(postgres);

        var sqliteTables = (await SqliteFolder.TablesAsync(metrics)).Concat(await SqliteFolder.TablesAsync(state)).ToList();
        var postgresTables = await PostgresTablesAsync(postgres);

        Assert.Equal(["run_curve_summaries", "run_metrics", "sweep_trials"], sqliteTables.Order());
        Assert.All(sqliteTables, table => Assert.Contains(table, postgresTables));
    }

    private static async Task<List<string>> PostgresTablesAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            names.Add(reader.GetString(0));
        return names;
    }

    public void Dispose() => files.Dispose();
}
