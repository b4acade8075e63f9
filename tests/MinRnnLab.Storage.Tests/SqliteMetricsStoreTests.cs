namespace MinRnnLab.Storage.Tests;

/// <summary>The metrics store contract on a real SQLite file.</summary>
public sealed class SqliteMetricsStoreTests : MetricsStoreContract, IDisposable
{
    private readonly SqliteFolder files = new();

    protected override async Task<IMetricsStore> NewStoreAsync()
    {
        var store = new SqliteMetricsStore(files.Database());
        await store.InitializeAsync();
        return store;
    }

    public void Dispose() => files.Dispose();
}
