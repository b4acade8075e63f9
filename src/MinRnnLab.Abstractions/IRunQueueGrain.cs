using Orleans.Concurrency;

namespace MinRnnLab.Abstractions;

/// <summary>
/// One shard of the cluster's run queue (key: the shard's number; <see cref="RunQueue"/> routes to them). Free device
/// slots pull work by leasing; leases are renewed by heartbeat, and a durable reminder re-queues the runs of leases
/// that expire.
/// </summary>
public interface IRunQueueGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a run to the back of the queue for devices of <paramref name="deviceKind"/>.</summary>
    Task Enqueue(string runId, string deviceKind);

    /// <summary>Leases the oldest queued run this worker's device can take, or null when there is none.</summary>
    Task<Lease?> TryLease(string worker, string deviceKind);

    /// <summary>Extends the worker's lease, and says whether to keep training, stop now, or checkpoint and hand the run back.</summary>
    Task<LeaseRenewal> Renew(string runId, string worker);

    /// <summary>
    /// The run asks the worker holding its lease to checkpoint and give it back (its sweep was paused); the worker
    /// hears it at its next heartbeat. Nothing happens when no worker holds it.
    /// </summary>
    Task RequestHandBack(string runId);

    /// <summary>Ends a lease because the run finished or stopped. One-way: runs call it while the queue may be calling them.</summary>
    [OneWay]
    Task Release(string runId, string worker);

    /// <summary>
    /// The worker holding the lease gives the run back unfinished (its silo is stopping): the run goes first in line,
    /// to resume from its checkpoint at once rather than after the lease would have expired.
    /// </summary>
    Task HandBack(string runId, string worker, string reason);

    /// <summary>
    /// The worker holding the lease reports that its attempt failed without an outcome (its trial process died):
    /// the run goes first in line to resume from its checkpoint, counted against max_restarts, or ends Failed once
    /// they are used up (<see cref="IRunGrain.Retry"/>). Sooner than waiting for the lease to expire, and with the cause.
    /// </summary>
    Task Retry(string runId, string worker, string reason);

    /// <summary>Ends a lease as if it had expired (an operator's "this machine is gone").</summary>
    Task Revoke(string runId);

    /// <summary>
    /// Takes over a lease another shard held: a shard hands over the runs that hash elsewhere (see
    /// <see cref="RunQueue.Shards"/>). The holder gets a fresh lease duration to renew it here.
    /// </summary>
    Task Adopt(Lease lease);

    /// <summary>Removes a run that is still waiting (it was cancelled). One-way, like Release.</summary>
    [OneWay]
    Task Remove(string runId);

    /// <summary>What is queued and who holds which lease.</summary>
    Task<QueueSnapshot> GetSnapshot();
}
