using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Storage;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Grains.Tests;

/// <summary>
/// A sweep's `retention:` applied as its runs finish, with a test playing the worker and its checkpoint folders: each
/// finished run keeps only the checkpoints the policy names, and only the top-k runs keep any; a run still training
/// keeps all of its own.
/// </summary>
public class RetentionTests
{
    private const string Worker = "test-worker/cpu";

    [Fact]
    public async Task FinishedRunsKeepOnlyTheirBestAndOnlyTheTopKKeepAny()
    {
        await using var silo = await GrainSilo.StartAsync();
        var sweep = silo.Grains.GetGrain<ISweepGrain>("kept");
        Assert.True((await sweep.Submit("""
            name: kept
            metric: {name: val_loss}
            method: grid
            parallel: 3
            parameters:
              learning_rate: {values: [1e-3, 2e-3, 3e-3]}
            base: {preset: tiny, max_iters: 10, eval_interval: 5}
            retention: {checkpoints: best, top_k: 1}
            """, "kept.yaml")).Accepted);
        var runs = new[] { "kept/0", "kept/1", "kept/2" };
        var attempts = new Dictionary<string, int>();
        foreach (var runId in runs)
        {
            attempts[runId] = await StartAsync(silo, runId);
            WriteCheckpoints(silo.Paths, runId);
        }

        await FinishAsync(silo, "kept/0", attempts["kept/0"], loss: 2.0);
        Assert.Equal((true, false), Kept(silo.Paths, "kept/0"));                          // its best only
        Assert.Equal((true, true), Kept(silo.Paths, "kept/1"));                           // still training: untouched

        await FinishAsync(silo, "kept/1", attempts["kept/1"], loss: 1.0);
        Assert.Equal((true, false), Kept(silo.Paths, "kept/1"));                          // the best run keeps its best
        Assert.Equal((false, false), Kept(silo.Paths, "kept/0"));                         // out of the top 1: none
        Assert.True(File.Exists(silo.Paths.RunLogFile("kept/0")));                        // its log stays
        Assert.Equal((true, true), Kept(silo.Paths, "kept/2"));

        await FinishAsync(silo, "kept/2", attempts["kept/2"], loss: 3.0);
        Assert.Equal((false, false), Kept(silo.Paths, "kept/2"));
        Assert.Equal((true, false), Kept(silo.Paths, "kept/1"));
    }

    private static async Task<int> StartAsync(GrainSilo silo, string runId)
    {
        await Poll.Until(() => silo.Grains.RunQueue().GetSnapshot(), s => s.Queued.Contains(runId));
        return await silo.Grains.GetGrain<IRunGrain>(runId).Start(Worker);
    }

    /// <summary>Reports the run's last evaluation and its success, then waits until its sweep has heard of it (a one-way call).</summary>
    private static async Task FinishAsync(GrainSilo silo, string runId, int attempt, double loss)
    {
        var run = silo.Grains.GetGrain<IRunGrain>(runId);
        await run.ReportProgress(attempt, 10, 10, [new MetricPoint(10, MetricNames.ValLoss, loss)], 1.0);
        await run.Complete(attempt, new RunOutcome(RunState.Succeeded, 10, loss, null, 1.0));
        await Poll.Until(() => silo.Grains.GetGrain<ISweepGrain>("kept").GetTrials(), t => t!.Single(x => x.RunId == runId).State == RunState.Succeeded);
    }

    internal static void WriteCheckpoints(LabPaths paths, string runId)
    {
        foreach (var folder in new[] { paths.CheckpointFolder(runId), paths.BestCheckpointFolder(runId) })
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, "model.bin"), new byte[100]);
        }
        File.WriteAllText(paths.RunLogFile(runId), "started\n");
    }

    internal static (bool Best, bool Latest) Kept(LabPaths paths, string runId) =>
        (Directory.Exists(paths.BestCheckpointFolder(runId)), Directory.Exists(paths.CheckpointFolder(runId)));
}
