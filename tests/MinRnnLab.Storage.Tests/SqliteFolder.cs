using Microsoft.Data.Sqlite;

namespace MinRnnLab.Storage.Tests;

/// <summary>A temp folder of real SQLite files for one test; deleted, pooled connections first, when it is disposed.</summary>
public sealed class SqliteFolder : IDisposable
{
    private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "minrnn-storage-tests", Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>A database file in this folder; a new, empty one unless <paramref name="name"/> was used before.</summary>
    public SqliteDatabase Database(string? name = null) => new(Path.Combine(folder, name ?? $"{Guid.NewGuid():N}.db"));

    /// <summary>The tables <paramref name="database"/> holds, by name.</summary>
    public static async Task<List<string>> TablesAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            names.Add(reader.GetString(0));
        return names;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();                                              // pooled connections hold the files open
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
