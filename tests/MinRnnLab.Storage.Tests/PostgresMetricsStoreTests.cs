using MinRnnLab.Storage.Postgres;
using MinRnnLab.Tests.Shared;
using Npgsql;

namespace MinRnnLab.Storage.Tests;

/// <summary>The metrics store contract on a real PostgreSQL database (schema scripts applied as a silo applies them).</summary>
public sealed class PostgresMetricsStoreTests : MetricsStoreContract
{
    protected override async Task<IMetricsStore> NewStoreAsync()
    {
        var store = new PostgresMetricsStore(NpgsqlDataSource.Create(await PostgresServer.CreateDatabaseAsync()));
        await store.InitializeAsync();
        return store;
    }
}
