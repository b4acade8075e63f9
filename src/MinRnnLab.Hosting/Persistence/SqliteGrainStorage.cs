using System.Text.Json;
using MinRnnLab.Storage;
using Orleans.Runtime;
using Orleans.Storage;

namespace MinRnnLab.Hosting.Persistence;

/// <summary>
/// Orleans grain state in one SQLite table, as JSON. Orleans ships no SQLite provider; this keeps the embedded
/// platform serverless. ETags are row versions, so a stale activation cannot overwrite newer state.
/// </summary>
public sealed class SqliteGrainStorage(SqliteDatabase database, WriteMeter? meter = null) : IGrainStorage
{
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = false };
    private readonly SemaphoreSlim initialized = new(1, 1);
    private bool ready;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await EnsureTableAsync();
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload, version FROM grain_state WHERE grain_id = $id AND state_name = $name";
        command.Parameters.AddWithValue("$id", grainId.ToString());
        command.Parameters.AddWithValue("$name", stateName);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        grainState.State = JsonSerializer.Deserialize<T>(reader.GetString(0), Json) ?? Activator.CreateInstance<T>();
        grainState.ETag = reader.GetInt64(1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await EnsureTableAsync();
        var payload = JsonSerializer.Serialize(grainState.State, Json);
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        var expected = grainState.ETag is null ? 0 : long.Parse(grainState.ETag, System.Globalization.CultureInfo.InvariantCulture);
        // Insert at version 1, or bump the version only if nobody else wrote since we read.
        command.CommandText = """
            INSERT INTO grain_state (grain_id, state_name, payload, version) VALUES ($id, $name, $payload, 1)
            ON CONFLICT (grain_id, state_name) DO UPDATE SET payload = excluded.payload, version = version + 1
            WHERE grain_state.version = $expected
            RETURNING version
            """;
        command.Parameters.AddWithValue("$id", grainId.ToString());
        command.Parameters.AddWithValue("$name", stateName);
        command.Parameters.AddWithValue("$payload", payload);
        command.Parameters.AddWithValue("$expected", expected);
        var version = await command.ExecuteScalarAsync();
        if (version is null || (grainState.ETag is null && (long)version != 1))
            throw new InconsistentStateException($"grain {grainId} state '{stateName}' was written by another activation", "", grainState.ETag ?? "");
        meter?.Add(payload);
        grainState.ETag = ((long)version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await EnsureTableAsync();
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM grain_state WHERE grain_id = $id AND state_name = $name";
        command.Parameters.AddWithValue("$id", grainId.ToString());
        command.Parameters.AddWithValue("$name", stateName);
        await command.ExecuteNonQueryAsync();
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private async Task EnsureTableAsync()
    {
        if (ready)
            return;
        await initialized.WaitAsync();
        try
        {
            if (!ready)
                await database.ExecuteAsync("""
                    CREATE TABLE IF NOT EXISTS grain_state (
                        grain_id   TEXT NOT NULL,
                        state_name TEXT NOT NULL,
                        payload    TEXT NOT NULL,
                        version    INTEGER NOT NULL,
                        PRIMARY KEY (grain_id, state_name)
                    )
                    """);
            ready = true;
        }
        finally
        {
            initialized.Release();
        }
    }
}
