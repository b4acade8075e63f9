using System.Text.Json.Nodes;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Hosting;
using MinRnnLab.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// A sweep's grain state is lifecycle truth only: it does not grow with its trials or their evaluations, each
/// trial is a row of its own, and a sweep stored by an earlier version (trials inside its state) keeps them.
/// </summary>
public class SweepStateSizeTests
{
    private static string Sweep(int seeds) => $"""
        name: state-size
        metric: {"{"}name: val_loss{"}"}
        method: grid
        base: {"{"}preset: tiny, max_iters: 9, eval_interval: 1{"}"}
        seeds: {seeds}
        parallel: 2
        early_terminate: {"{"}type: median, min_evals: 1, min_runs: 2{"}"}
        """;

    [Fact]
    public async Task TheSweepStateIsTheSameSizeForFourTrialsAsForTwentyAndEachTrialIsARow()
    {
        await using var lab = await Lab.StartAsync(executor: ExecutorKind.Noop, slots: 2);
        var small = await lab.SubmitAsync(Sweep(4));
        var large = await lab.SubmitAsync(Sweep(20));
        await lab.Client.WaitForSweepAsync(small.SweepId);
        await lab.Client.WaitForSweepAsync(large.SweepId);

        var smallState = JsonNode.Parse(await StateRow(lab.Options.DataFolder, small.SweepId))!.AsObject();
        var largeState = JsonNode.Parse(await StateRow(lab.Options.DataFolder, large.SweepId))!.AsObject();

        // Beside the file (as text and parsed), the time it came in and the plan's size, the same fields and values:
        // nothing per trial or per evaluation.
        Assert.Equal([4, 20], new[] { smallState, largeState }.Select(s => (int)s["PlannedTrials"]!));
        foreach (var state in new[] { smallState, largeState })
        {
            state.Remove("Yaml");
            state.Remove("Definition");
            state.Remove("CreatedAt");
            state.Remove("PlannedTrials");
        }
        Assert.Equal(smallState.ToJsonString(), largeState.ToJsonString());
        Assert.Null(largeState["Trials"]);
        Assert.Equal(20, await TrialRows(lab.Options.DataFolder, large.SweepId));
        Assert.Equal(20, (await lab.Client.Sweep(large.SweepId).GetTrials().Found()).Length);
    }

    [Fact]
    public async Task ASweepStoredWithItsTrialsInsideItsStateKeepsThemAsRows()
    {
        var options = Lab.NewOptions(executor: ExecutorKind.Noop, slots: 2);
        string sweepId;
        await using (var client = await LabClient.StartEmbeddedAsync(options))
        {
            var submitted = await client.SubmitSweepAsync(Sweep(3), "legacy.yaml");
            sweepId = submitted.Status!.SweepId;
            await client.WaitForSweepAsync(sweepId);
        }
        await RewriteAsEarlierVersion(options.DataFolder, sweepId);
        Assert.Equal(0, await TrialRows(options.DataFolder, sweepId));

        await using var lab = new PreparedLab(await LabClient.StartEmbeddedAsync(options), options.DataFolder);
        var trials = await lab.Client.Sweep(sweepId).GetTrials().Found();
        var status = await lab.Client.Sweep(sweepId).GetStatus().Found();

        Assert.Equal([0, 1, 2], trials.Select(t => t.Index));
        Assert.All(trials, t => Assert.Equal(RunState.Succeeded, t.State));
        Assert.Equal(SweepState.Completed, status.State);
        Assert.Equal(3, await TrialRows(options.DataFolder, sweepId));
        Assert.Null(JsonNode.Parse(await StateRow(options.DataFolder, sweepId))!["Trials"]);
    }

    /// <summary>Moves the trial rows back into the state as a list, with the fields earlier versions also wrote.</summary>
    private static async Task RewriteAsEarlierVersion(string dataFolder, string sweepId)
    {
        var state = JsonNode.Parse(await StateRow(dataFolder, sweepId))!.AsObject();
        await using var connection = await Open(dataFolder);
        var trials = new JsonArray();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT payload FROM sweep_trials WHERE sweep_id = $id ORDER BY trial_index";
            read.Parameters.AddWithValue("$id", sweepId);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                trials.Add(JsonNode.Parse(reader.GetString(0)));
        }
        (state["Trials"], state["NextTrial"], state["Observations"], state["Suggested"]) = (trials, 3, new JsonArray(), new JsonObject());
        await using var write = connection.CreateCommand();
        write.CommandText = """
            UPDATE grain_state SET payload = $payload WHERE state_name = 'sweep' AND grain_id LIKE '%' || $id;
            DELETE FROM sweep_trials WHERE sweep_id = $id;
            """;
        write.Parameters.AddWithValue("$payload", state.ToJsonString());
        write.Parameters.AddWithValue("$id", sweepId);
        Assert.Equal(4, await write.ExecuteNonQueryAsync());
    }

    private static async Task<string> StateRow(string dataFolder, string sweepId)
    {
        await using var connection = await Open(dataFolder);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE state_name = 'sweep' AND grain_id LIKE '%' || $id";
        command.Parameters.AddWithValue("$id", sweepId);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> TrialRows(string dataFolder, string sweepId)
    {
        await using var connection = await Open(dataFolder);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sweep_trials WHERE sweep_id = $id";
        command.Parameters.AddWithValue("$id", sweepId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<SqliteConnection> Open(string dataFolder)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(dataFolder, "state.db")};Pooling=false");
        await connection.OpenAsync();
        return connection;
    }
}
