using MinRnnLab.Storage.Postgres;
using MinRnnLab.Tests.Shared;
using Npgsql;

namespace MinRnnLab.Storage.Tests;

/// <summary>The sweep trial store contract on a real PostgreSQL database (schema scripts applied as a silo applies them).</summary>
public sealed class PostgresSweepTrialStoreTests : SweepTrialStoreContract
{
    protected override async Task<ISweepTrialStore> NewStoreAsync()
    {
        var store = new PostgresSweepTrialStore(NpgsqlDataSource.Create(await PostgresServer.CreateDatabaseAsync()));
        await store.InitializeAsync();
        return store;
    }
}
