namespace MinRnnLab.Abstractions;

/// <summary>
/// The cluster's run queue as its callers see it: one queue, kept in <see cref="Shards"/> grains so that no single
/// grain writes every lease of the cluster (docs/scale.md). A run lives in the shard its id hashes to, so everything
/// about one run (enqueue, renew, release, hand back, revoke, remove) is one call to one shard. A shard is first in,
/// first out, and a sweep's trials go to it in blocks of <see cref="TrialsPerBlock"/>, so a sweep starts its trials
/// in order while a sweep of thousands still spreads over every shard. A free worker tries the shards from a random
/// one on, so that no shard waits on another's backlog: across sweeps, order is only roughly first come, first served.
/// </summary>
public sealed class RunQueue(IGrainFactory grains)
{
    /// <summary>
    /// Fixed, so that every silo of a cluster, old or new, routes a run to the same shard. A shard that finds runs of
    /// another shard in its state (a data folder from a build with one queue grain keeps them all in shard 0) hands
    /// them over when it activates.
    /// </summary>
    public const int Shards = 8;

    /// <summary>Consecutive trials of one sweep that share a shard.</summary>
    public const int TrialsPerBlock = 64;

    /// <summary>The shard that holds <paramref name="runId"/>: a hash stable across processes (string.GetHashCode is not).</summary>
    public static int ShardOf(string runId)
    {
        var hash = 2166136261u;                                                         // FNV-1a, 32 bits
        foreach (var c in BlockOf(runId))
            hash = (hash ^ c) * 16777619u;
        return (int)(hash % Shards);
    }

    /// <summary>"sweep/130" is in block "sweep/2"; an id that is not a sweep's trial is a block of its own.</summary>
    private static string BlockOf(string runId)
    {
        var slash = runId.LastIndexOf('/');
        return slash >= 0 && int.TryParse(runId.AsSpan(slash + 1), out var trial) && trial >= 0
            ? $"{runId[..slash]}/{trial / TrialsPerBlock}"
            : runId;
    }

    // Orleans' GetGrain reads the interface's attributes on every call, and a free worker may try every shard.
    private readonly IRunQueueGrain?[] shards = new IRunQueueGrain?[Shards];

    public IRunQueueGrain Shard(int shard) => shards[shard] ??= grains.GetGrain<IRunQueueGrain>(shard);

    private IRunQueueGrain Holding(string runId) => Shard(ShardOf(runId));

    public Task Enqueue(string runId, string deviceKind) => Holding(runId).Enqueue(runId, deviceKind);

    /// <summary>Leases the oldest run its device can take of the first shard, from a random one on, that has one; null when none has.</summary>
    public async Task<Lease?> TryLease(string worker, string deviceKind)
    {
        var first = Random.Shared.Next(Shards);
        for (var i = 0; i < Shards; i++)
            if (await Shard((first + i) % Shards).TryLease(worker, deviceKind) is { } lease)
                return lease;
        return null;
    }

    public Task<LeaseRenewal> Renew(string runId, string worker) => Holding(runId).Renew(runId, worker);

    public Task RequestHandBack(string runId) => Holding(runId).RequestHandBack(runId);

    public Task Release(string runId, string worker) => Holding(runId).Release(runId, worker);

    public Task HandBack(string runId, string worker, string reason) => Holding(runId).HandBack(runId, worker, reason);

    public Task Retry(string runId, string worker, string reason) => Holding(runId).Retry(runId, worker, reason);

    public Task Revoke(string runId) => Holding(runId).Revoke(runId);

    public Task Remove(string runId) => Holding(runId).Remove(runId);

    /// <summary>Every shard's queued runs and leases, shard by shard.</summary>
    public async Task<QueueSnapshot> GetSnapshot()
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, Shards).Select(shard => Shard(shard).GetSnapshot()));
        return new QueueSnapshot(shards.SelectMany(s => s.Queued).ToArray(), shards.SelectMany(s => s.Leases).ToArray());
    }
}

/// <summary>The cluster's run queue from any grain factory: a silo's, a client's, a test's.</summary>
public static class RunQueueExtensions
{
    public static RunQueue RunQueue(this IGrainFactory grains) => new(grains);
}
