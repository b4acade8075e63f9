using Microsoft.Data.Sqlite;
using MinRnnLab.Abstractions;
using MinRnnLab.Storage;
using MinRnnLab.Hosting;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// An id nobody created is an answer ("not found"), never state: every grain call on it returns null (or does
/// nothing), and the SQLite state database holds exactly the same rows afterwards.
/// </summary>
public class UnknownIdTests
{
    [Fact]
    public async Task EveryCallOnAnUnknownSweepOrRunAnswersNotFoundAndStoresNothing()
    {
        await using var lab = await Lab.StartAsync(executor: ExecutorKind.Noop);
        var known = await lab.SubmitAsync("""
            name: known
            metric: {name: val_loss}
            method: grid
            base: {preset: tiny, max_iters: 10, eval_interval: 5}
            """);
        await lab.Client.WaitForSweepAsync(known.SweepId);
        await Poll.Until(() => lab.Client.Queue.GetSnapshot(), q => q.Leases.Length == 0 && q.Queued.Length == 0);
        var before = await StateRows(lab);

        foreach (var sweepId in new[] { "does-not-exist", "known" })
        {
            var sweep = lab.Client.Sweep(sweepId);
            Assert.Null(await sweep.GetStatus());
            Assert.Null(await sweep.GetTrials());
            Assert.Null(await sweep.GetDefinition());
            Assert.Null(await sweep.GetPage(10));
            Assert.Null(await sweep.Pause());
            Assert.Null(await sweep.Resume());
            Assert.Null(await sweep.Cancel());
            await sweep.OnRunUpdated(new RunStatus($"{sweepId}/0", sweepId, "mingru", RunState.Succeeded, 1, null, 10, null, 2.0, 10, null, 2.0, null, null, null, 1));
            await sweep.OnRunEvaluated($"{sweepId}/0", 0, 5, [new MetricPoint(5, "val_loss", 2.0)]);
        }
        foreach (var runId in new[] { "does-not-exist/0", $"{known.SweepId}/99", $"{known.SweepId}/abc" })
        {
            var run = lab.Client.Run(runId);
            Assert.Null(await run.GetSpec());
            Assert.Null(await run.GetStatus());
            Assert.Null(await run.GetAttempts());
            Assert.Null(await run.GetMetrics());
            Assert.Empty(await lab.Client.GetCurvesAsync([runId], ["val_loss"], CurvePoints.RunChart));
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => run.Start("test-worker"));
            Assert.Equal(NotFound.Run(runId), refused.Message);
            Assert.Equal(RunCommand.Stop, await run.ReportProgress(0, 5, 10, [new MetricPoint(5, "val_loss", 2.0)], 1.0));
            await run.ReportCheckpoint(0, 5);
            await run.ReportResume(0, 5, new StepReached(0, 9));
            await run.Complete(0, new RunOutcome(RunState.Succeeded, 10, 2.0, null, 1.0));
            Assert.False(await run.Preempt("test-worker", "lease expired"));
            await run.Stop(RunState.Cancelled, "test");
        }
        await Assert.ThrowsAsync<KeyNotFoundException>(() => lab.Client.GetSweepAsync("does-not-exist"));

        // One-way calls are queued: a read-only call after them on the same grains has waited for them.
        Assert.Null(await lab.Client.Sweep("does-not-exist").GetStatus());
        Assert.Equal(before, await StateRows(lab));
        Assert.Equal([known.SweepId], (await lab.Client.ListSweepsAsync()).Select(s => s.SweepId));
        Assert.False(File.Exists(new LabPaths(lab.Options.DataFolder).RunLogFile("does-not-exist/0")));
    }

    /// <summary>Every stored grain state, as (grain, state name, payload) lines.</summary>
    private static async Task<List<string>> StateRows(Lab lab)
    {
        await using var connection = new SqliteConnection($"Data Source={new LabPaths(lab.Options.DataFolder).StateDatabase};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_id, state_name, payload FROM grain_state ORDER BY grain_id, state_name";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetValue(2)}");
        return rows;
    }
}
