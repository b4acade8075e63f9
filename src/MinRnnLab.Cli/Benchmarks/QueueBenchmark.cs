using System.Diagnostics;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;
using MinRnnLab.Hosting;
using MinRnnLab.Storage;
using MinRnnLab.Worker;

namespace MinRnnLab.Cli.Benchmarks;

/// <summary>
/// What the run queue of a cluster sustains (issue 30), at a queue of <see cref="Queued"/> runs with
/// <see cref="Held"/> leases held: a lease is TryLease then Release (what each trial costs the queue, besides its
/// Enqueue), a renewal is one heartbeat's Renew. Bytes per write is one shard's whole state, which each of its writes
/// stores (<see cref="RunQueue.Shards"/> shards share the runs).
/// </summary>
public sealed record QueueBenchmarkResult(
    string Storage, int Queued, int Held, int Callers, double LeasesPerSecond, double RenewalsPerSecond,
    long StateWrites, double BytesPerWrite);

public static class QueueBenchmark
{
    // A device kind no slot of the silo polls, so that only this benchmark leases from its part of the queue.
    private const string Kind = "queue-bench";

    /// <summary>
    /// Enqueues <paramref name="queued"/> runs (no run grains behind them: the queue never calls them on these paths),
    /// leases <paramref name="held"/> of them for good, then for <paramref name="seconds"/> each has
    /// <paramref name="callers"/> concurrent callers: leases (TryLease + Release + Enqueue again, so the queue keeps
    /// its length), then renewals of the held leases.
    /// </summary>
    public static async Task<QueueBenchmarkResult> RunAsync(LabOptions options, int queued, int held, int callers, double seconds,
        IProgress<string>? progress = null, CancellationToken cancel = default)
    {
        await using var client = await LabClient.StartEmbeddedAsync(options);
        var queue = client.Queue;
        progress?.Report($"enqueueing {queued + held:N0} runs ...");
        for (var i = 0; i < queued + held; i++)
            await queue.Enqueue($"queue-bench/{i}", Kind);
        var holders = new List<Lease>();
        for (var i = 0; i < held; i++)
            holders.Add(await queue.TryLease($"holder-{i % 64}", Kind) ?? throw new InvalidOperationException("the queue ran dry"));
        var writes = client.SiloService<WriteMeter>();
        var (writesBefore, bytesBefore) = (writes?.Writes ?? 0, writes?.Bytes ?? 0);

        progress?.Report($"leasing for {seconds} s with {callers} callers ...");
        var leases = await Repeat(callers, seconds, async caller =>
        {
            var lease = await queue.TryLease($"worker-{caller}", Kind) ?? throw new InvalidOperationException("the queue ran dry");
            await queue.Release(lease.RunId, lease.Worker);
            await queue.Enqueue(lease.RunId, Kind);                                    // the next trial takes its place
        }, cancel);
        progress?.Report($"renewing {held:N0} leases for {seconds} s with {callers} callers ...");
        var renewals = held == 0 ? 0 : await Repeat(callers, seconds, async caller =>
        {
            var lease = holders[Random.Shared.Next(holders.Count)];
            if (await queue.Renew(lease.RunId, lease.Worker) == LeaseRenewal.Lost)
                throw new InvalidOperationException($"lease of {lease.RunId} was lost");
        }, cancel);
        var (count, bytes) = writes is null ? (-1L, -1L) : (writes.Writes - writesBefore, writes.Bytes - bytesBefore);
        return new QueueBenchmarkResult(options.Storage.ToConfigName(), queued, held, callers, leases / seconds, renewals / seconds,
            count, count > 0 ? (double)bytes / count : 0);
    }

    /// <summary>Runs <paramref name="operation"/> back to back on <paramref name="callers"/> tasks for the time given; returns how many completed.</summary>
    private static async Task<long> Repeat(int callers, double seconds, Func<int, Task> operation, CancellationToken cancel)
    {
        long done = 0;
        var until = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async caller =>
        {
            while (until.Elapsed.TotalSeconds < seconds && !cancel.IsCancellationRequested)
            {
                await operation(caller);
                Interlocked.Increment(ref done);
            }
        }));
        cancel.ThrowIfCancellationRequested();
        return done;
    }
}
