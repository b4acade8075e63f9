using Npgsql;

namespace MinRnnLab.Storage.Postgres;

/// <summary>
/// Reaches the cluster's database at start-up: waits (logging one line per try, no stack traces) until PostgreSQL
/// answers, then makes sure the schema is current. A silo started before its database simply waits for it.
/// </summary>
public static class PostgresConnector
{
    public static async Task<NpgsqlDataSource> ConnectAsync(
        string connectionString, Action<string> log, TimeSpan? retryEvery = null, CancellationToken cancel = default)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var database = NpgsqlDataSource.Create(builder.ConnectionString);
        var delay = retryEvery ?? TimeSpan.FromSeconds(2);
        while (true)
        {
            try
            {
                var version = await PostgresSchema.EnsureAsync(database, cancel);
                log($"PostgreSQL at {builder.Host}:{builder.Port}: schema version {version}");
                return database;
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException && !cancel.IsCancellationRequested)
            {
                log($"waiting for PostgreSQL at {builder.Host}:{builder.Port}: {Reason(e)}");
                await Task.Delay(delay, cancel);
            }
        }
    }

    // The innermost message names the real cause ("Connection refused", "database \"x\" does not exist").
    private static string Reason(Exception e) => e.InnerException is { } inner && inner.Message.Length > 0 ? $"{e.Message} ({inner.Message})" : e.Message;
}
