using Microsoft.Data.Sqlite;
using MinRnnLab.Storage.Postgres;
using MinRnnLab.Tests.Shared;
using Npgsql;

namespace MinRnnLab.Storage.Tests;

/// <summary>One name per table: what the SQLite stores create, the PostgreSQL schema creates under the same names.</summary>
public sealed class TableNamesTests : IDisposable
{
    private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "minrnn-table-names-tests", Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public async Task EveryTableOfTheSqliteStoresHasItsNameInPostgres()
    {
        var metrics = new SqliteDatabase(Path.Combine(folder, "metrics.db"));
        var state = new SqliteDatabase(Path.Combine(folder, "state.db"));
        await new SqliteMetricsStore(metrics).InitializeAsync();
        await new SqliteSweepTrialStore(state).InitializeAsync();
        await using var postgres = NpgsqlDataSource.Create(await PostgresServer.CreateDatabaseAsync());
        await PostgresSchema.EnsureAsync(postgres);

        var sqliteTables = (await SqliteTablesAsync(metrics)).Concat(await SqliteTablesAsync(state)).ToList();
        var postgresTables = await PostgresTablesAsync(postgres);

        Assert.Equal(["run_curve_summaries", "run_metrics", "sweep_trials"], sqliteTables.Order());
        Assert.All(sqliteTables, table => Assert.Contains(table, postgresTables));
    }

    private static async Task<List<string>> SqliteTablesAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            names.Add(reader.GetString(0));
        return names;
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

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
