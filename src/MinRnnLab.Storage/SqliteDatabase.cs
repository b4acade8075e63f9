using Microsoft.Data.Sqlite;

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

    public string Path { get; } = path;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancel = default)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancel);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
        await pragma.ExecuteNonQueryAsync(cancel);
        return connection;
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancel = default)
    {
        await using var connection = await OpenAsync(cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancel);
    }
}
