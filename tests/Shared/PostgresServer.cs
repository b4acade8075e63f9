using System.Diagnostics;
using Npgsql;

namespace MinRnnLab.Tests.Shared;

/// <summary>
/// The PostgreSQL the storage, cluster and web tests run against: MINRNN_PG if set, else a throwaway server started
/// by scripts/test-postgres.sh for this test run and destroyed when it ends. Each test gets its own database.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> Server = new(Start);
    private static bool owned;

    public static string ConnectionString => Server.Value;

    public static int Port => new NpgsqlConnectionStringBuilder(ConnectionString).Port;

    /// <summary>Stopping and starting the server is possible when its data folder is the script's (it started it, here or in CI).</summary>
    public static bool CanRestart => Directory.Exists(Path.Combine(Path.GetTempPath(), $"minrnn-pg-{Port}"));

    /// <summary>A new, empty database; its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"t_{Guid.NewGuid():N}";
        await using var admin = NpgsqlDataSource.Create(ConnectionString);
        await using var command = admin.CreateCommand($"CREATE DATABASE {name}");
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public static void Stop() => Script($"stop {Port}");

    public static void StartAgain() => Script($"start {Port}");

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("MINRNN_PG") is { Length: > 0 } configured)
            return configured;
        var connection = Script("").Trim().Split('\n')[^1];
        owned = true;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (owned)
                Script($"destroy {new NpgsqlConnectionStringBuilder(connection).Port}");
        };
        return connection;
    }

    private static string Script(string arguments)
    {
        var script = Path.Combine(Repository.Root, "scripts", "test-postgres.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", $"{script} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"test-postgres.sh {arguments} failed: {errors.Result}");
        return output.Result;
    }
}
