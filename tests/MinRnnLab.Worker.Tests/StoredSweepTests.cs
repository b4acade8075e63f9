using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;
using MinRnnLab.Hosting;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// A sweep stored by the binaries before sweeps kept their parsed file (its state holds the file's text alone) opens
/// in this build: parsed at its first activation and kept typed, its trials and runs the ones its file describes.
/// </summary>
public class StoredSweepTests
{
    /// <summary>The paper-cpu sweep's grain_state payload and its two trial rows, copied verbatim from its state.db.</summary>
    private const string SweepId = "paper-cpu-20261206-122245-f28c";
    private static readonly string StoredSweep = File.ReadAllText(Repository.PathOf("tests", "MinRnnLab.Worker.Tests", "StoredState", "paper-cpu-sweep.json"));
    private static readonly string[] StoredTrials =
    [
        """{"Index":0,"RunId":"paper-cpu-20261206-122245-f28c/0","Arch":"mingru","SeedIndex":0,"Parameters":{"arch":"mingru"},"State":0,"BestValLoss":null,"BestStep":null,"StepsToTarget":null,"TrainingSeconds":0,"Reason":null}""",
        """{"Index":1,"RunId":"paper-cpu-20261206-122245-f28c/1","Arch":"minlstm","SeedIndex":0,"Parameters":{"arch":"minlstm"},"State":0,"BestValLoss":null,"BestStep":null,"StepsToTarget":null,"TrainingSeconds":0,"Reason":null}""",
    ];

    [Fact]
    public async Task ASweepStoredAsItsFileAloneIsParsedOnceKeptTypedAndRunsAsItsFileSays()
    {
        // A data folder with today's tables, then the sweep's rows as the older binaries wrote them (its runs never
        // created here: the sweep creates them again, on the no-op executor, which ends each at once).
        var options = Lab.NewOptions(executor: ExecutorKind.Noop, slots: 2);
        await (await LabClient.StartEmbeddedAsync(options)).DisposeAsync();
        await StoreAsOlderBinariesDidAsync(options.DataFolder);

        await using var lab = new PreparedLab(await LabClient.StartEmbeddedAsync(options), options.DataFolder);
        var status = await lab.Client.WaitForSweepAsync(SweepId);

        Assert.Equal(("paper-cpu", "val_loss", 1.6, 4), (status.Name, status.Metric, status.TargetLoss, status.PlannedTrials));
        Assert.Equal(SweepState.Completed, status.State);
        var trials = await lab.Client.Sweep(SweepId).GetTrials().Found();
        Assert.Equal(["mingru", "minlstm", "mamba", "transformer"], trials.Select(t => t.Arch));
        var spec = await lab.Client.Run($"{SweepId}/2").GetSpec().Found();
        Assert.Equal((Architecture.Mamba, 3, 384, 3000), (spec.Config.Model.Arch, spec.Config.Model.NLayer, spec.Config.Model.NEmbd, spec.Config.Train.MaxIters));
        Assert.Equal((EvalMode.Full, 0.25, 25, 100), (spec.Config.Train.EvalMode, spec.Config.Train.GradClip, spec.Config.Train.CheckpointInterval, spec.MaxRestarts));
        // Kept typed beside the file, which users still read back as they wrote it.
        var stored = JsonNode.Parse(await SweepRowAsync(options.DataFolder))!;
        Assert.Equal("paper-cpu", (string)stored["Definition"]!["Name"]!);
        Assert.Equal(JsonNode.Parse(StoredSweep)!["Yaml"]!.GetValue<string>(), (string)stored["Yaml"]!);
        Assert.Equal(JsonNode.Parse(StoredSweep)!["Yaml"]!.GetValue<string>(), await lab.Client.Sweep(SweepId).GetDefinition());
    }

    private static async Task StoreAsOlderBinariesDidAsync(string dataFolder)
    {
        await using var connection = await OpenAsync(dataFolder);
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO grain_state (grain_id, state_name, payload, version) VALUES ('sweep/' || $id, 'sweep', $sweep, 2);
            INSERT OR REPLACE INTO grain_state (grain_id, state_name, payload, version) VALUES ('sweepregistry/0', 'registry', $registry, 1);
            INSERT INTO sweep_trials (sweep_id, trial_index, payload) VALUES ($id, 0, $trial0), ($id, 1, $trial1);
            """;
        insert.Parameters.AddWithValue("$id", SweepId);
        insert.Parameters.AddWithValue("$sweep", StoredSweep);
        insert.Parameters.AddWithValue("$registry", $"[\"{SweepId}\"]");
        insert.Parameters.AddWithValue("$trial0", StoredTrials[0]);
        insert.Parameters.AddWithValue("$trial1", StoredTrials[1]);
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task<string> SweepRowAsync(string dataFolder)
    {
        await using var connection = await OpenAsync(dataFolder);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT payload FROM grain_state WHERE grain_id = 'sweep/' || $id";
        select.Parameters.AddWithValue("$id", SweepId);
        return (string)(await select.ExecuteScalarAsync())!;
    }

    private static async Task<SqliteConnection> OpenAsync(string dataFolder)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(dataFolder, "state.db")};Pooling=false");
        await connection.OpenAsync();
        return connection;
    }
}
