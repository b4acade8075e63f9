using MinRnnLab.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace MinRnnLab.Grains;

/// <summary>
/// One shard of the run queue with leases (<see cref="RunQueue"/> routes to it). Workers pull; a lease that is not renewed in time means its worker's machine is
/// gone, and the run is preempted and queued again. A grain timer checks leases every few seconds while the queue
/// is active; a durable reminder reactivates it after a restart so the check never stops.
/// </summary>
public sealed partial class RunQueueGrain(
    [PersistentState("queue", LabStorage.Name)] IPersistentState<RunQueueState> state,
    IOptions<GrainOptions> options, ILogger<RunQueueGrain> logger) : Grain, IRunQueueGrain, IRemindable
{
    private const string LeaseWatch = "lease-watch";
    private TimeSpan LeaseDuration => options.Value.LeaseDuration;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Renewals are not stored (see Renew), so a stored expiry is one the lease's holder may long since have moved:
        // every holder gets one lease duration from now to renew. One that is gone loses its run then, as before.
        var fresh = DateTimeOffset.UtcNow + LeaseDuration;
        foreach (var (runId, lease) in state.State.Leases.ToList())
            state.State.Leases[runId] = lease with { ExpiresAt = fresh };
        await this.RegisterOrUpdateReminder(LeaseWatch, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await HandOverStrays();
        var every = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(200).Ticks, LeaseDuration.Ticks / 4));
        this.RegisterGrainTimer(ExpireLeases, new GrainTimerCreationOptions(every, every) { Interleave = false });
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await HandOverStrays();
        await ExpireLeases(CancellationToken.None);
    }

    public async Task Enqueue(string runId, string deviceKind)
    {
        if (state.State.Queue.Any(q => q.RunId == runId) || state.State.Leases.ContainsKey(runId))
            return;
        state.State.Queue.Add(new QueuedRun(runId, deviceKind));
        await state.WriteStateAsync();
    }

    public async Task<Lease?> TryLease(string worker, string deviceKind)
    {
        var next = state.State.Queue.FirstOrDefault(q => q.DeviceKind == deviceKind);
        if (next is null)
            return null;
        state.State.Queue.Remove(next);
        var lease = new Lease(next.RunId, worker, deviceKind, DateTimeOffset.UtcNow + LeaseDuration);
        state.State.Leases[next.RunId] = lease;
        await state.WriteStateAsync();
        return lease;
    }

    /// <remarks>
    /// In memory only: a renewal changes nothing a restart needs (the activation gives every stored lease a fresh
    /// duration), and stored, it was a write of the whole queue per heartbeat — at 10,000 leases, 1,000 writes a
    /// second of megabytes each, the queue's ceiling (docs/scale.md).
    /// </remarks>
    public Task<LeaseRenewal> Renew(string runId, string worker)
    {
        if (!state.State.Leases.TryGetValue(runId, out var lease) || lease.Worker != worker)
            return Task.FromResult(LeaseRenewal.Lost);
        // Renewed either way: a worker handing the run back keeps its lease while its trial checkpoints.
        state.State.Leases[runId] = lease with { ExpiresAt = DateTimeOffset.UtcNow + LeaseDuration };
        return Task.FromResult(lease.HandBackRequested ? LeaseRenewal.HandBack : LeaseRenewal.Renewed);
    }

    public async Task RequestHandBack(string runId)
    {
        if (!state.State.Leases.TryGetValue(runId, out var lease) || lease.HandBackRequested)
            return;
        state.State.Leases[runId] = lease with { HandBackRequested = true };
        await state.WriteStateAsync();                                                  // a restarted queue still asks
    }

    public async Task Release(string runId, string worker)
    {
        if (state.State.Leases.TryGetValue(runId, out var lease) && lease.Worker == worker)
        {
            state.State.Leases.Remove(runId);
            await state.WriteStateAsync();
        }
    }

    public Task HandBack(string runId, string worker, string reason) =>
        GiveBack(runId, worker, run => run.HandBack(worker, reason));

    public Task Retry(string runId, string worker, string reason) =>
        GiveBack(runId, worker, run => run.Retry(worker, reason));

    /// <summary>The lease's holder ends it unfinished; the run, asked by <paramref name="resumes"/>, says whether it goes back in line.</summary>
    private async Task GiveBack(string runId, string worker, Func<IRunGrain, Task<bool>> resumes)
    {
        if (!state.State.Leases.TryGetValue(runId, out var lease) || lease.Worker != worker)
            return;
        // The run is asked first, the lease dropped after: when the run cannot answer (its silo is the one shutting
        // down, its storage is full) the call throws with the lease still held, and it expires into an ordinary
        // re-queue. Dropping it first lost the run: neither leased nor queued, it waited for a worker that never came.
        var again = await resumes(GrainFactory.GetGrain<IRunGrain>(runId));
        state.State.Leases.Remove(runId);
        if (again)
            state.State.Queue.Insert(0, new QueuedRun(runId, lease.DeviceKind));       // first in line: it has progress to keep
        await state.WriteStateAsync();
    }

    public async Task Revoke(string runId)
    {
        if (!state.State.Leases.TryGetValue(runId, out var lease))
            return;
        await Requeue(lease, "lease revoked");                                          // as in HandBack: the run first
        state.State.Leases.Remove(runId);
        await state.WriteStateAsync();
    }

    public async Task Remove(string runId)
    {
        if (state.State.Queue.RemoveAll(q => q.RunId == runId) > 0)
            await state.WriteStateAsync();
    }

    [ReadOnly]
    public Task<QueueSnapshot> GetSnapshot() => Task.FromResult(new QueueSnapshot(
        state.State.Queue.Select(q => q.RunId).ToArray(), state.State.Leases.Values.ToArray()));

    private async Task ExpireLeases(CancellationToken cancel)
    {
        var now = DateTimeOffset.UtcNow;
        var expired = state.State.Leases.Values.Where(l => l.ExpiresAt < now).ToList();
        if (expired.Count == 0)
            return;
        foreach (var lease in expired)
        {
            try
            {
                await Requeue(lease, $"lease of {lease.Worker} expired");
                state.State.Leases.Remove(lease.RunId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The run could not record it (its storage is full or down): keep the lease, so the next check
                // tries again, rather than forget it and leave the run "running" with nobody training it.
                logger.LogWarning("lease of {Worker} on {Run} expired, but the run could not be re-queued yet: {Message}",
                    lease.Worker, lease.RunId, e.Message);
            }
        }
        await state.WriteStateAsync();
    }

    private async Task Requeue(Lease lease, string reason)
    {
        // The run decides: back to the queue (resume from its checkpoint) or failed after max_restarts.
        if (await GrainFactory.GetGrain<IRunGrain>(lease.RunId).Preempt(lease.Worker, reason))
            state.State.Queue.Insert(0, new QueuedRun(lease.RunId, lease.DeviceKind));   // first in line: it has progress to keep
    }
}
