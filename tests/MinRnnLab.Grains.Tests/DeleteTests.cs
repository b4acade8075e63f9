using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Storage;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Grains.Tests;

/// <summary>
/// Deleting a sweep or one run through the grains, with a test playing the worker: a running trial is stopped first
/// (its worker's next report is told to stop and stores nothing), its files, points, rows and state go, and another
/// sweep keeps all of its own.
/// </summary>
public class DeleteTests
{
    private const string Worker = "test-worker/cpu";

    private static string SweepFile(string name, int trials) => $"""
        name: {name}
        metric: {"{"}name: val_loss{"}"}
        method: grid
        parallel: {trials}
        parameters:
          learning_rate: {"{"}values: [{string.Join(", ", Enumerable.Range(1, trials).Select(i => $"{i}e-3"))}]{"}"}
        base: {"{"}preset: tiny, max_iters: 100, eval_interval: 5{"}"}
        """;

    [Fact]
    public async Task DeletingASweepStopsItsRunningTrialAndRemovesItsFilesPointsRowsAndStateButNoOtherSweeps()
    {
        await using var silo = await GrainSilo.StartAsync();
        var (doomed, kept) = (silo.Grains.GetGrain<ISweepGrain>("doomed"), silo.Grains.GetGrain<ISweepGrain>("kept"));
        Assert.True((await doomed.Submit(SweepFile("doomed", 2), "doomed.yaml")).Accepted);
        Assert.True((await kept.Submit(SweepFile("kept", 1), "kept.yaml")).Accepted);
        var queue = silo.Grains.RunQueue();                                             // doomed/0: the oldest run of its shard
        var lease = await queue.Shard(RunQueue.ShardOf("doomed/0")).TryLease(Worker, "cpu");
        Assert.Equal("doomed/0", lease?.RunId);
        var running = await StartAndReportAsync(silo, "doomed/0");
        await StartAndReportAsync(silo, "kept/0");
        var written = WriteCheckpoint(silo.Paths, "doomed/0", 1000) + WriteCheckpoint(silo.Paths, "doomed/1", 500);
        WriteCheckpoint(silo.Paths, "kept/0", 700);

        var result = await doomed.Delete();

        Assert.Equal(new DeleteResult("doomed", 2, written, 1), result);              // one point: doomed/1 never started
        // The running trial was stopped first: its lease is gone, its worker is told to stop, and what it reports is not stored.
        Assert.DoesNotContain((await silo.Grains.RunQueue().GetSnapshot()).Leases, l => l.RunId == "doomed/0");
        Assert.Equal(RunCommand.Stop, await running.ReportProgress(1, 10, 100, [new MetricPoint(10, MetricNames.ValLoss, 2.0)], 2.0));
        Assert.Empty(await silo.Metrics.ReadAsync("doomed/0"));
        Assert.Null(await running.GetStatus());
        Assert.Null(await doomed.GetStatus());
        Assert.Empty(await silo.TrialRows.ReadAsync("doomed"));
        Assert.False(Directory.Exists(Path.Combine(silo.Paths.ArtifactsFolder, "runs", "doomed")));
        Assert.DoesNotContain("doomed", await silo.Grains.GetGrain<ISweepRegistryGrain>(0).List());
        Assert.DoesNotContain((await silo.Grains.RunQueue().GetSnapshot()).Queued, q => q.StartsWith("doomed/"));

        // The other sweep keeps its run, points, rows, files and place in the list.
        Assert.Equal(RunState.Running, (await silo.Grains.GetGrain<IRunGrain>("kept/0").GetStatus())!.State);
        Assert.Single(await silo.Metrics.ReadAsync("kept/0"));
        Assert.Single(await silo.TrialRows.ReadAsync("kept"));
        Assert.True(File.Exists(Path.Combine(silo.Paths.CheckpointFolder("kept/0"), "model.bin")));
        Assert.Contains("kept", await silo.Grains.GetGrain<ISweepRegistryGrain>(0).List());

        Assert.Null(await doomed.Delete());                                             // twice: nothing left to delete
    }

    [Fact]
    public async Task DeletingOneRunRemovesItsTrialAndTheSweepGoesOnWithTheNextTrial()
    {
        await using var silo = await GrainSilo.StartAsync();
        var sweep = silo.Grains.GetGrain<ISweepGrain>("one");
        var file = SweepFile("one", 3).Replace("parallel: 3", "parallel: 1");
        Assert.True((await sweep.Submit(file, "one.yaml")).Accepted);
        var first = await StartAndReportAsync(silo, "one/0");
        var bytes = WriteCheckpoint(silo.Paths, "one/0", 300);

        var result = await sweep.DeleteRun("one/0");

        Assert.Equal(new DeleteResult("one/0", 1, bytes, 1), result);
        Assert.Null(await first.GetStatus());
        var status = (await sweep.GetStatus())!;
        Assert.Equal((SweepState.Running, 1, 1), (status.State, status.DeletedTrials, status.Finished));
        // Its slot went to the next trial, and its index is not given out again.
        var next = await Poll.Until(() => silo.Grains.RunQueue().TryLease(Worker, "cpu"), l => l is not null);
        Assert.Equal("one/1", next!.RunId);
        Assert.Equal(["one/1"], (await sweep.GetTrials())!.Select(t => t.RunId));
        Assert.Null(await sweep.DeleteRun("one/0"));                                    // twice: no such run any more
        Assert.Null(await sweep.DeleteRun("one/7"));                                    // never one of its runs
    }

    /// <summary>Starts the run (queued, or leased by the test) as a worker does and reports one evaluation, which the metrics store keeps.</summary>
    private static async Task<IRunGrain> StartAndReportAsync(GrainSilo silo, string runId)
    {
        var queue = silo.Grains.RunQueue();
        await Poll.Until(() => queue.GetSnapshot(), s => s.Queued.Contains(runId) || s.Leases.Any(l => l.RunId == runId));
        var run = silo.Grains.GetGrain<IRunGrain>(runId);
        var attempt = await run.Start(Worker);
        Assert.Equal(RunCommand.Continue, await run.ReportProgress(attempt, 5, 100, [new MetricPoint(5, MetricNames.ValLoss, 3.0)], 1.0));
        return run;
    }

    /// <summary>A checkpoint file and a log line where the worker writes them; their bytes.</summary>
    private static long WriteCheckpoint(LabPaths paths, string runId, int size)
    {
        Directory.CreateDirectory(paths.CheckpointFolder(runId));
        File.WriteAllBytes(Path.Combine(paths.CheckpointFolder(runId), "model.bin"), new byte[size]);
        File.WriteAllText(paths.RunLogFile(runId), "started\n");
        return size + "started\n".Length;
    }
}
