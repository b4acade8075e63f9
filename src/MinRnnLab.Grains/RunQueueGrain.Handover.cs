using MinRnnLab.Abstractions;
using Microsoft.Extensions.Logging;

namespace MinRnnLab.Grains;

/// <summary>
/// A shard holds only the runs that hash to it. Anything else in its state came from a build with one queue grain
/// (its data folder keeps every queued run and lease in shard 0), so the shard hands those over when it activates
/// and at each reminder, until none is left.
/// </summary>
public sealed partial class RunQueueGrain
{
    private int Shard => (int)this.GetPrimaryKeyLong();

    public async Task Adopt(Lease lease)
    {
        if (state.State.Leases.ContainsKey(lease.RunId))
            return;
        state.State.Queue.RemoveAll(q => q.RunId == lease.RunId);
        state.State.Leases[lease.RunId] = lease with { ExpiresAt = DateTimeOffset.UtcNow + LeaseDuration };
        await state.WriteStateAsync();
    }

    /// <remarks>
    /// Each run is given to its shard before this one forgets it, and taking one twice is harmless (Enqueue and Adopt
    /// keep one copy), so a silo killed half-way hands the rest over at the next activation. Queued runs keep their
    /// order. A failure is logged and tried again at the next reminder: the runs stay queued or leased here meanwhile.
    /// </remarks>
    private async Task HandOverStrays()
    {
        var queue = GrainFactory.RunQueue();
        var queued = state.State.Queue.Where(q => RunQueue.ShardOf(q.RunId) != Shard).ToList();
        var leases = state.State.Leases.Values.Where(l => RunQueue.ShardOf(l.RunId) != Shard).ToList();
        if (queued.Count == 0 && leases.Count == 0)
            return;
        try
        {
            foreach (var run in queued)
                await queue.Enqueue(run.RunId, run.DeviceKind);
            foreach (var lease in leases)
                await queue.Shard(RunQueue.ShardOf(lease.RunId)).Adopt(lease);
        }
        catch (Exception e)
        {
            logger.LogWarning("queue shard {Shard} could not hand over {Count} runs to their shards yet: {Message}",
                Shard, queued.Count + leases.Count, e.Message);
            return;
        }
        foreach (var run in queued)
            state.State.Queue.Remove(run);
        foreach (var lease in leases)
            state.State.Leases.Remove(lease.RunId);
        await state.WriteStateAsync();
        logger.LogInformation("queue shard {Shard} handed {Queued} queued runs and {Leases} leases to their shards",
            Shard, queued.Count, leases.Count);
    }
}
