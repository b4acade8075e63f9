using System.Text.Json.Nodes;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Hosting;
using MinRnnLab.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// Names, tags and notes on a real embedded platform (SQLite state): set by the sweep file, edited through the client,
/// checked by the grains, carried into the sweep's trial rows; and a sweep stored before labels existed still loads
/// and runs to its end.
/// </summary>
public class LabelsTests
{
    private static string Sweep(int seeds, string labels = "") => $"""
        name: labelled
        metric: {"{"}name: val_loss{"}"}
        method: grid
        base: {"{"}preset: tiny, max_iters: 6, eval_interval: 2{"}"}
        seeds: {seeds}
        parallel: 1
        {labels}
        """;

    [Fact]
    public async Task TagsAndNotesFromTheFileAreStoredEditedAndCheckedByTheGrains()
    {
        await using var lab = await Lab.StartAsync(executor: ExecutorKind.Noop);
        var sweep = await lab.SubmitAsync(Sweep(2, "tags: [baseline, lr-scan]\nnotes: first try"));
        Assert.Equal(["baseline", "lr-scan"], sweep.Labels.Tags);
        Assert.Equal("first try", sweep.Labels.Notes);

        var tagged = await lab.Client.TagSweepAsync(sweep.SweepId, "keep", "BASELINE");              // tags compare ignoring case
        Assert.Equal(["baseline", "lr-scan", "keep"], tagged.Tags);
        await lab.Client.UntagSweepAsync(sweep.SweepId, "lr-scan");
        await lab.Client.EditSweepLabelsAsync(sweep.SweepId, new LabelEdit(Notes: "second\nline", Name: "The baseline"));
        var status = await lab.Client.GetSweepAsync(sweep.SweepId);
        Assert.Equal(new[] { "baseline", "keep" }, status.Labels.Tags);
        Assert.Equal(("The baseline", "second\nline"), (status.Labels.Name, status.Labels.Notes));
        Assert.Equal("The baseline", status.DisplayName);
        Assert.Equal("labelled", status.Name);                                          // the file's name, which the id is made of, stays

        // The grain checks what any client hands it, and stores nothing it refuses.
        var bad = await Assert.ThrowsAsync<ArgumentException>(() => lab.Client.TagSweepAsync(sweep.SweepId, "two words"));
        Assert.Contains("tag 'two words'", bad.Message);
        var tooLong = await Assert.ThrowsAsync<ArgumentException>(() => lab.Client.SetSweepNotesAsync(sweep.SweepId, new string('x', 4_001)));
        Assert.Contains("at most 4000 characters", tooLong.Message);
        var many = await Assert.ThrowsAsync<ArgumentException>(() =>
            lab.Client.TagSweepAsync(sweep.SweepId, [.. Enumerable.Range(0, 15).Select(i => $"t{i}")]));
        Assert.Contains("at most 16", many.Message);
        Assert.Equal(new[] { "baseline", "keep" }, (await lab.Client.GetSweepAsync(sweep.SweepId)).Labels.Tags);

        // A run's labels are the run's, and reach its sweep's trial row (what the grid and the exports read).
        await lab.Client.WaitForSweepAsync(sweep.SweepId);
        var runId = $"{sweep.SweepId}/1";
        await lab.Client.EditRunLabelsAsync(runId, new LabelEdit(AddTags: ["best-seed"], Name: "seed one"));
        Assert.Equal("seed one", (await lab.Client.Run(runId).GetStatus().Found()).Labels.Name);
        var trials = await Poll.Until(() => lab.Client.Sweep(sweep.SweepId).GetTrials().Found(), t => t[1].Labels.HasTag("best-seed"));
        Assert.Equal("seed one", trials[1].Labels.Name);
        Assert.Empty(trials[0].Labels.Tags);                                            // nothing of another run changes

        await Assert.ThrowsAsync<KeyNotFoundException>(() => lab.Client.TagSweepAsync("no-such-sweep", "x"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => lab.Client.TagRunAsync($"{sweep.SweepId}/99", "x"));
    }

    [Fact]
    public async Task ASweepStoredBeforeLabelsExistedLoadsAndRunsToItsEnd()
    {
        var options = Lab.NewOptions(executor: ExecutorKind.Noop);
        string sweepId;
        await using (var client = await LabClient.StartEmbeddedAsync(options))
        {
            var submitted = await client.SubmitSweepAsync(Sweep(4), "old.yaml");
            sweepId = submitted.Status!.SweepId;
            await client.Sweep(sweepId).Pause();                                        // stopped half-way, to resume on the new binaries
        }
        // As today's binaries write them: no Labels in the sweep's state, its runs' states or its trial rows.
        Assert.True(await RemoveLabelsAsync(options.DataFolder) > 0);

        await using var lab = new PreparedLab(await LabClient.StartEmbeddedAsync(options), options.DataFolder);
        var status = await lab.Client.GetSweepAsync(sweepId);
        Assert.Equal((null, 0, ""), (status.Labels.Name, status.Labels.Tags.Length, status.Labels.Notes));
        Assert.Equal(SweepState.Paused, status.State);
        Assert.All(await lab.Client.Sweep(sweepId).GetTrials().Found(), t => Assert.Empty(t.Labels.Tags));
        Assert.Empty((await lab.Client.Run($"{sweepId}/0").GetStatus().Found()).Labels.Tags);

        await lab.Client.Sweep(sweepId).Resume();
        var done = await lab.Client.WaitForSweepAsync(sweepId);
        Assert.Equal(SweepState.Completed, done.State);
        Assert.Equal(4, done.RunsByState.GetValueOrDefault(RunState.Succeeded));
        Assert.Equal(["resumed"], (await lab.Client.TagSweepAsync(sweepId, "resumed")).Tags);
    }

    /// <summary>Strips "Labels" from every stored sweep and run state and trial row; returns how many rows it rewrote.</summary>
    private static async Task<int> RemoveLabelsAsync(string dataFolder)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataFolder, "state.db")};Pooling=false");
        await connection.OpenAsync();
        var rewritten = 0;
        foreach (var (table, key) in new[] { ("grain_state", "grain_id || state_name"), ("sweep_trials", "sweep_id || trial_index") })
        {
            var rows = new List<(string Key, string Payload)>();
            await using (var read = connection.CreateCommand())
            {
                read.CommandText = $"SELECT {key}, payload FROM {table}";
                await using var reader = await read.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    rows.Add((reader.GetString(0), reader.GetString(1)));
            }
            foreach (var (rowKey, payload) in rows)
            {
                if (JsonNode.Parse(payload) is not JsonObject json || !json.Remove("Labels"))
                    continue;
                await using var write = connection.CreateCommand();
                write.CommandText = $"UPDATE {table} SET payload = $payload WHERE {key} = $key";
                write.Parameters.AddWithValue("$payload", json.ToJsonString());
                write.Parameters.AddWithValue("$key", rowKey);
                rewritten += await write.ExecuteNonQueryAsync();
            }
        }
        return rewritten;
    }
}
