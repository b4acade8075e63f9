using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Grains;
using MinRnnLab.Hosting.Persistence;
using MinRnnLab.Storage;
using MinRnnLab.Tests.Shared;
using Orleans.Runtime;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// Run state as the binaries before the typed config stored it (RunSpec.ConfigJson, the config as a JSON string),
/// read and written by this build's SQLite grain storage: a data folder of a long sweep must open unchanged.
/// </summary>
public sealed class StoredRunSpecTests : IDisposable
{
    /// <summary>
    /// A minGRU run of the paper-cpu sweep: its grain_state payload copied verbatim from that sweep's state.db, as the
    /// binaries of 2026-12-06 wrote it (running, attempt 9, at step 400).
    /// </summary>
    private static readonly string StoredPayload = File.ReadAllText(Repository.PathOf("tests", "MinRnnLab.Worker.Tests", "StoredState", "paper-cpu-run-0.json"));

    private static readonly GrainId Run = GrainId.Create("run", "paper-cpu-20261206-122245-f28c/0");
    private readonly string folder = Directory.CreateTempSubdirectory("minrnn-stored-spec-").FullName;
    private readonly SqliteGrainStorage storage;

    public StoredRunSpecTests() => storage = new SqliteGrainStorage(new SqliteDatabase(Path.Combine(folder, "state.db")));

    [Fact]
    public async Task ARunStoredWithItsConfigAsTextReadsBackWithItTyped()
    {
        await StoreAsOlderBinariesDidAsync(StoredPayload);

        var state = await ReadAsync();

        var (model, train) = (state.Spec!.Config.Model, state.Spec.Config.Train);
        Assert.Equal((Architecture.MinGru, 3, 384, 256, 0.2), (model.Arch, model.NLayer, model.NEmbd, model.BlockSize, model.Dropout));
        Assert.Equal((3000, 25, 7, EvalMode.Full), (train.MaxIters, train.EvalInterval, train.EvalIters, train.EvalMode));
        Assert.Equal((0.001, false, 0.25, 25), (train.LearningRate, train.DecayLr, train.GradClip, train.CheckpointInterval));
        Assert.Null(model.ConvResidual);                                                 // stored as unset (auto), read as unset
        Assert.Equal((RunState.Running, 9, 400, 9), (state.State, state.Attempt, state.LastStep, state.Attempts.Count));
        Assert.Equal(("mingru", 1337L, 1.6), (state.Spec.Arch, state.Spec.Seed, state.Spec.TargetLoss));
    }

    [Fact]
    public async Task WrittenBackTheConfigIsStoredAsTheTextOlderBinariesRead()
    {
        await StoreAsOlderBinariesDidAsync(StoredPayload);
        var read = new GrainState<RunGrainState>();
        await storage.ReadStateAsync("run", Run, read);

        await storage.WriteStateAsync("run", Run, read);

        // Still a string under "ConfigJson" holding every key the older binaries wrote, with the same values: a silo of
        // those binaries (or a rollback) reads the row as it always did.
        var (before, after) = (StoredConfigOf(StoredPayload), StoredConfigOf(await StoredPayloadAsync()));
        foreach (var (section, keys) in before)
            foreach (var (key, value) in keys!.AsObject())
                Assert.True(JsonNode.DeepEquals(value, after[section]![key]), $"{section}.{key}: {value?.ToJsonString()} became {after[section]![key]?.ToJsonString()}");
    }

    [Fact]
    public async Task ARunStoredBeforeAKeyExistedReadsWithTheValueItRanWith()
    {
        // The same run as stored before `conv_residual` existed (it was off then): the config text lacks the key.
        var payload = JsonNode.Parse(StoredPayload)!;
        var config = StoredConfigOf(StoredPayload);
        config["model"]!.AsObject().Remove("conv_residual");
        payload["Spec"]!["ConfigJson"] = config.ToJsonString();
        await StoreAsOlderBinariesDidAsync(payload.ToJsonString());

        var state = await ReadAsync();

        Assert.False(state.Spec!.Config.Model.ConvResidual);
        Assert.False(state.Spec.Config.Model.HasConvResidual());
    }

    [Fact]
    public async Task AStoredConfigThatCannotBeReadIsRefusedNamingTheProperty()
    {
        var payload = JsonNode.Parse(StoredPayload)!;
        payload["Spec"]!["ConfigJson"] = """{"model": {"arch": "nosuch"}}""";
        await StoreAsOlderBinariesDidAsync(payload.ToJsonString());

        var error = await Assert.ThrowsAnyAsync<Exception>(ReadAsync);

        Assert.Contains("'ConfigJson' is not a readable run config", error.Message);
        Assert.Equal(payload.ToJsonString(), await StoredPayloadAsync());             // the row itself is left as it was
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static JsonObject StoredConfigOf(string payload) =>
        JsonNode.Parse(JsonNode.Parse(payload)!["Spec"]!["ConfigJson"]!.GetValue<string>())!.AsObject();

    private async Task<RunGrainState> ReadAsync()
    {
        var read = new GrainState<RunGrainState>();
        await storage.ReadStateAsync("run", Run, read);
        return read.State!;
    }

    /// <summary>The row as the older binaries' SqliteGrainStorage left it: the payload text at version 1.</summary>
    private async Task StoreAsOlderBinariesDidAsync(string payload)
    {
        await storage.ReadStateAsync("run", GrainId.Create("run", "none/0"), new GrainState<RunGrainState>());   // creates the table
        await using var connection = await OpenAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO grain_state (grain_id, state_name, payload, version) VALUES ($id, 'run', $payload, 1)";
        insert.Parameters.AddWithValue("$id", Run.ToString());
        insert.Parameters.AddWithValue("$payload", payload);
        await insert.ExecuteNonQueryAsync();
    }

    private async Task<string> StoredPayloadAsync()
    {
        await using var connection = await OpenAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT payload FROM grain_state WHERE grain_id = $id AND state_name = 'run'";
        select.Parameters.AddWithValue("$id", Run.ToString());
        return (string)(await select.ExecuteScalarAsync())!;
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "state.db")};Pooling=false");
        await connection.OpenAsync();
        return connection;
    }
}
