using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MinRnnLab.Storage;

/// <summary>Opens connections to one SQLite file in WAL mode, so readers (the UI) never block the writer (training).</summary>
public sealed class SqliteDatabase(string path)
{
    private readonly string connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    // The native connections that have had their pragmas: the pool hands the same one out again and again, and they
    // keep their settings, so each is set once rather than at every open (three statements off every write).
    private static readonly ConditionalWeakTable<sqlite3, object> Configured = new();

    public string Path { get; } = path;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancel = default)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancel);
        if (Configured.TryGetValue(connection.Handle!, out _))
            return connection;
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
        await pragma.ExecuteNonQueryAsync(cancel);
        Configured.AddOrUpdate(connection.Handle!, Configured);
        return connection;
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancel = default)
    {
        await using var connection = await OpenAsync(cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancel);
    }

    /// <summary>
    /// Renames table <paramref name="oldName"/> to <paramref name="newName"/> in place, rows and all, when only the
    /// old one exists (a database written by an older build); does nothing when only the new one does or neither.
    /// Both present would mean rows under each name: refused, naming the file, so that neither is dropped unseen.
    /// </summary>
    public async Task RenameTableAsync(string oldName, string newName, CancellationToken cancel = default)
    {
        await using var connection = await OpenAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        var (hasOld, hasNew) = (await HasTableAsync(connection, oldName, cancel), await HasTableAsync(connection, newName, cancel));
        if (hasOld && hasNew)
            throw new InvalidOperationException(
                $"{Path} holds both table {oldName} (an older build's name) and {newName}; move the rows of {oldName} into {newName} and drop it");
        if (hasOld)
        {
            await using var rename = connection.CreateCommand();
            rename.CommandText = $"ALTER TABLE \"{oldName}\" RENAME TO \"{newName}\"";    // names are this code's constants
            await rename.ExecuteNonQueryAsync(cancel);
        }
        await transaction.CommitAsync(cancel);
    }

    private static async Task<bool> HasTableAsync(SqliteConnection connection, string name, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", name);
        return (long)(await command.ExecuteScalarAsync(cancel))! > 0;
    }
}
