using System.Globalization;
using Microsoft.Data.Sqlite;
using MinRnnLab.Storage;
using Orleans.Runtime;

namespace MinRnnLab.Hosting.Persistence;

/// <summary>
/// Durable Orleans reminders in SQLite, so the lease watcher survives a restart of the embedded platform.
/// Rows carry the grain's uniform hash because silos read reminders by hash range.
/// </summary>
public sealed class SqliteReminderTable(SqliteDatabase database) : IReminderTable
{
    public Task Init() => database.ExecuteAsync("""
        CREATE TABLE IF NOT EXISTS reminders (
            grain_id      TEXT NOT NULL,
            reminder_name TEXT NOT NULL,
            grain_hash    INTEGER NOT NULL,
            start_at      TEXT NOT NULL,
            period_ms     INTEGER NOT NULL,
            version       INTEGER NOT NULL,
            PRIMARY KEY (grain_id, reminder_name)
        );
        CREATE INDEX IF NOT EXISTS reminders_by_hash ON reminders (grain_hash);
        """);

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        Query("SELECT * FROM reminders WHERE grain_id = $id", ("$id", grainId.ToString()));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => begin < end
        // The ring range (begin, end] may wrap around zero.
        ? Query("SELECT * FROM reminders WHERE grain_hash > $b AND grain_hash <= $e", ("$b", (long)begin), ("$e", (long)end))
        : Query("SELECT * FROM reminders WHERE grain_hash > $b OR grain_hash <= $e", ("$b", (long)begin), ("$e", (long)end));

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        (await Query("SELECT * FROM reminders WHERE grain_id = $id AND reminder_name = $n",
            ("$id", grainId.ToString()), ("$n", reminderName))).Reminders.FirstOrDefault();

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO reminders (grain_id, reminder_name, grain_hash, start_at, period_ms, version)
            VALUES ($id, $n, $h, $s, $p, 1)
            ON CONFLICT (grain_id, reminder_name) DO UPDATE SET
                start_at = excluded.start_at, period_ms = excluded.period_ms, version = version + 1
            RETURNING version
            """;
        command.Parameters.AddWithValue("$id", entry.GrainId.ToString());
        command.Parameters.AddWithValue("$n", entry.ReminderName);
        command.Parameters.AddWithValue("$h", (long)entry.GrainId.GetUniformHashCode());
        command.Parameters.AddWithValue("$s", entry.StartAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$p", (long)entry.Period.TotalMilliseconds);
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM reminders WHERE grain_id = $id AND reminder_name = $n AND version = $v";
        command.Parameters.AddWithValue("$id", grainId.ToString());
        command.Parameters.AddWithValue("$n", reminderName);
        command.Parameters.AddWithValue("$v", long.Parse(eTag, CultureInfo.InvariantCulture));
        return await command.ExecuteNonQueryAsync() > 0;
    }

    public Task TestOnlyClearTable() => database.ExecuteAsync("DELETE FROM reminders");

    private async Task<ReminderTableData> Query(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            entries.Add(Read(reader));
        return new ReminderTableData(entries);
    }

    private static ReminderEntry Read(SqliteDataReader row) => new()
    {
        GrainId = GrainId.Parse(row.GetString(row.GetOrdinal("grain_id"))),
        ReminderName = row.GetString(row.GetOrdinal("reminder_name")),
        StartAt = DateTime.Parse(row.GetString(row.GetOrdinal("start_at")), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Period = TimeSpan.FromMilliseconds(row.GetInt64(row.GetOrdinal("period_ms"))),
        ETag = row.GetInt64(row.GetOrdinal("version")).ToString(CultureInfo.InvariantCulture),
    };
}
