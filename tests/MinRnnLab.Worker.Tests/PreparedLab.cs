using Microsoft.Data.Sqlite;
using MinRnnLab.Client;

namespace MinRnnLab.Worker.Tests;

/// <summary>A platform started by a test on a folder it prepared (stored state rewritten as older builds wrote it); deletes the folder when done.</summary>
internal sealed class PreparedLab(LabClient client, string dataFolder) : IAsyncDisposable
{
    public LabClient Client => client;

    public async ValueTask DisposeAsync()
    {
        await client.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataFolder, recursive: true); } catch (IOException) { }
    }
}
