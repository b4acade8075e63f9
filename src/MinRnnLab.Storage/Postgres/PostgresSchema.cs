using System.Reflection;
using Npgsql;

namespace MinRnnLab.Storage.Postgres;

/// <summary>
/// Creates or upgrades the platform's PostgreSQL schema from the numbered scripts embedded in this assembly
/// (Orleans clustering, grain state, reminders, metrics). Each script runs once, recorded in minrnn_schema; the
/// scripts are idempotent too, so a half-applied upgrade can simply run again. Silos starting together serialize
/// on an advisory lock, so one applies the scripts and the others find them applied.
/// </summary>
public static class PostgresSchema
{
    private const string Prefix = "MinRnnLab.Storage.Postgres.Schema.";
    private const long LockKey = 0x6d696e726e6e;                                        // "minrnn": any constant shared by all silos

    /// <summary>Scripts in order: (version from the file name's number, name, SQL).</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = LoadScripts();

    /// <summary>The highest schema version this build knows.</summary>
    public static int LatestVersion => Scripts[^1].Version;

    public static async Task<int> EnsureAsync(NpgsqlDataSource database, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await Execute(connection, $"SELECT pg_advisory_xact_lock({LockKey})", cancel);
        await Execute(connection, """
            CREATE TABLE IF NOT EXISTS minrnn_schema (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, cancel);
        var applied = new HashSet<int>();
        await using (var read = new NpgsqlCommand("SELECT version FROM minrnn_schema", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancel))
            while (await reader.ReadAsync(cancel))
                applied.Add(reader.GetInt32(0));
        foreach (var (version, name, sql) in Scripts.Where(s => !applied.Contains(s.Version)))
        {
            await Execute(connection, sql, cancel);
            await using var record = new NpgsqlCommand("INSERT INTO minrnn_schema (version, name) VALUES ($1, $2)", connection);
            record.Parameters.Add(new NpgsqlParameter { Value = version });
            record.Parameters.Add(new NpgsqlParameter { Value = name });
            await record.ExecuteNonQueryAsync(cancel);
        }
        await transaction.CommitAsync(cancel);
        return LatestVersion;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancel)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancel);
    }

    private static List<(int, string, string)> LoadScripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[Prefix.Length..];
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (int.Parse(name[..name.IndexOf('-')], System.Globalization.CultureInfo.InvariantCulture), name, reader.ReadToEnd());
            })
            .OrderBy(s => s.Item1)
            .ToList();
    }
}
