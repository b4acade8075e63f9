namespace MinRnnLab.Storage.Tests;

/// <summary>The metrics store contract on a real SQLite file.</summary>
public sealed class SqliteMetricsStoreTests : MetricsStoreContract, IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "minrnn-metrics-tests", Guid.NewGuid().ToString("N"));

    protected override async Task<IMetricsStore> NewStoreAsync()
    {
        Directory.CreateDirectory(folder);
        var store = new SqliteMetricsStore(new SqliteDatabase(Path.Combine(folder, $"{Guid.NewGuid():N}.db")));
        await store.InitializeAsync();
        return store;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
