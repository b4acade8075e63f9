namespace MinRnnLab.Storage.Tests;

/// <summary>The sweep trial store contract on a real SQLite file.</summary>
public sealed class SqliteSweepTrialStoreTests : SweepTrialStoreContract, IDisposable
{
    private readonly SqliteFolder files = new();

    protected override async Task<ISweepTrialStore> NewStoreAsync()
    {
        var store = new SqliteSweepTrialStore(files.Database());
        await store.InitializeAsync();
        return store;
    }

    public void Dispose() => files.Dispose();
}
