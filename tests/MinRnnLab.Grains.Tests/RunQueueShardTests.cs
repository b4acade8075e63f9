using MinRnnLab.Abstractions;

namespace MinRnnLab.Grains.Tests;

/// <summary>
/// The run queue in shards: every run is reachable through <see cref="RunQueue"/> wherever it is kept, and what a
/// build with one queue grain left in shard 0 (every queued run and lease of its data folder) moves to its own shard.
/// </summary>
public class RunQueueShardTests
{
    private const string Kind = "cpu";

    /// <summary>Run ids that hash to shards other than 0, as many as asked.</summary>
    private static string[] RunsOutsideShardZero(int count) =>
        Enumerable.Range(0, 1000).Select(i => $"legacy/{i}").Where(id => RunQueue.ShardOf(id) != 0).Take(count).ToArray();

    [Fact]
    public async Task WhatShardZeroHeldForOtherShardsMovesToThemQueuedInOrderAndLeasesStillRenewable()
    {
        await using var silo = await GrainSilo.StartAsync();
        var queue = silo.Grains.RunQueue();
        var shardZero = queue.Shard(0);
        // What an older build stored: everything in the one queue grain, whose key was 0.
        var runs = RunsOutsideShardZero(6);
        foreach (var run in runs)
            await shardZero.Enqueue(run, Kind);
        var held = await shardZero.TryLease("old-worker", Kind);
        Assert.Equal(runs[0], held?.RunId);
        await silo.DeactivateIdleGrainsAsync();

        var left = await shardZero.GetSnapshot();                                       // activates it again
        Assert.Empty(left.Queued);
        Assert.Empty(left.Leases);
        var all = await queue.GetSnapshot();
        Assert.Equal(runs.Skip(1).Order(), all.Queued.Order());
        Assert.Equal(runs[0], Assert.Single(all.Leases).RunId);
        foreach (var run in runs.Skip(1))
            Assert.Contains(run, (await queue.Shard(RunQueue.ShardOf(run)).GetSnapshot()).Queued);
        foreach (var shard in runs.Skip(1).GroupBy(RunQueue.ShardOf))                   // each shard keeps their order
            Assert.Equal(shard.ToArray(), (await queue.Shard(shard.Key).GetSnapshot()).Queued);
        Assert.Equal(LeaseRenewal.Renewed, await queue.Renew(runs[0], "old-worker"));  // its holder renews it where it is now
        Assert.Equal(LeaseRenewal.Lost, await queue.Renew(runs[0], "someone-else"));
    }

    [Fact]
    public async Task AWorkerLeasesEveryQueuedRunWhicheverShardHoldsIt()
    {
        await using var silo = await GrainSilo.StartAsync();
        var queue = silo.Grains.RunQueue();
        var runs = Enumerable.Range(0, 40).Select(i => $"spread-{i}/0").ToArray();
        Assert.True(runs.Select(RunQueue.ShardOf).Distinct().Count() > 1);
        foreach (var run in runs)
            await queue.Enqueue(run, Kind);
        Assert.Null(await queue.TryLease("gpu-worker", "cuda"));                        // nothing of its kind anywhere

        var leased = new List<string>();
        while (await queue.TryLease("only-worker", Kind) is { } lease)
            leased.Add(lease.RunId);

        Assert.Equal(runs.Order(), leased.Order());
        Assert.Equal(runs.Length, (await queue.GetSnapshot()).Leases.Length);
    }

    [Fact]
    public async Task ASweepsTrialsAreLeasedInOrderAndABigSweepSpreadsOverTheShards()
    {
        await using var silo = await GrainSilo.StartAsync();
        var queue = silo.Grains.RunQueue();
        var trials = Enumerable.Range(0, 10).Select(i => $"ordered/{i}").ToArray();
        foreach (var trial in trials)
            await queue.Enqueue(trial, Kind);

        var leased = new List<string>();
        while (await queue.TryLease("only-worker", Kind) is { } lease)
            leased.Add(lease.RunId);

        Assert.Equal(trials, leased);
        var big = Enumerable.Range(0, 100 * RunQueue.TrialsPerBlock).Select(i => RunQueue.ShardOf($"big/{i}"));
        Assert.Equal(RunQueue.Shards, big.Distinct().Count());
    }
}
