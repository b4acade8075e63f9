namespace MinRnnLab.Storage.Tests;

/// <summary>The sweep trial store contract on a real SQLite file.</summary>
public sealed class SqliteSweepTrialStoreTests : SweepTrialStoreContract, IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "minrnn-trial-store-tests", Guid.NewGuid().ToString("N"));

    protected override async Task<ISweepTrialStore> NewStoreAsync()
    {
        Directory.CreateDirectory(folder);
        var store = new SqliteSweepTrialStore(new SqliteDatabase(Path.Combine(folder, $"{Guid.NewGuid():N}.db")));
        await store.InitializeAsync();
        return store;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
