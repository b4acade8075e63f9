using System.Threading.Channels;
using MinRnnLab.Abstractions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Streams;

namespace MinRnnLab.Grains.Live;

/// <summary>
/// Best-effort live delivery of run progress to its subscribers (the UI's pages, `sweep watch`). A grain posts an
/// event and goes on: no lifecycle step waits on a subscriber, and none can fail because the stream's queue is full.
/// The stores are the truth; a subscriber that missed events catches up by reading them again.
/// <para>
/// Bounded: each run has at most one event waiting per stream, into which later ones are merged (see
/// <see cref="LiveEvents.Merge"/>), so a burst costs memory per run, not per event. At most
/// <see cref="GrainOptions.LiveFeedCapacity"/> events wait; past that, and when the stream provider refuses an event (its queue is
/// full), an event is dropped: counted, and logged at most once a minute.
/// </para>
/// </summary>
public sealed class LiveFeed(IClusterClient cluster, IOptions<GrainOptions> options, ILogger<LiveFeed> logger) : BackgroundService
{
    /// <summary>Events waiting at most (<see cref="GrainOptions.LiveFeedCapacity"/>): one per busy run and stream.</summary>
    private readonly int maxWaiting = options.Value.LiveFeedCapacity;

    /// <summary>Events delivered at once: a run's event for a stream is in a batch once, so its events stay in order.</summary>
    private const int BatchSize = 64;

    /// <summary>A publish that has not returned by then is given up (the provider's queue grain is overloaded).</summary>
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private readonly Dictionary<(StreamId Stream, string RunId), RunProgress> waiting = [];
    private readonly Queue<(StreamId Stream, string RunId)> order = new();              // each waiting event once, oldest first
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly DropLog dropLog = new(logger, TimeSpan.FromMinutes(1));
    private long posted, merged, delivered, dropped;
    private IStreamProvider? provider;

    /// <summary>What this silo's feed has posted, merged, delivered and dropped since it started.</summary>
    public LiveFeedCounts Counts => new(Interlocked.Read(ref posted), Interlocked.Read(ref merged),
        Interlocked.Read(ref delivered), Interlocked.Read(ref dropped));

    /// <summary>Hands a run's progress to its sweep's stream, which its run's watchers read too. Never blocks, never throws.</summary>
    public void Post(RunProgress progress, string sweepId)
    {
        Post(LabStreams.Sweep(sweepId), progress);
        wake.Writer.TryWrite(true);
    }

    private void Post(StreamId stream, RunProgress progress)
    {
        var key = (stream, progress.RunId);                                            // a sweep's stream carries many runs
        lock (gate)
        {
            Interlocked.Increment(ref posted);
            if (waiting.TryGetValue(key, out var earlier))
            {
                waiting[key] = LiveEvents.Merge(earlier, progress, out var pointsLost);
                Interlocked.Increment(ref merged);
                if (pointsLost)
                    Interlocked.Increment(ref dropped);
                return;
            }
            if (waiting.Count >= maxWaiting && order.TryDequeue(out var oldest))
            {
                waiting.Remove(oldest);
                dropLog.Report(Interlocked.Increment(ref dropped), $"more than {maxWaiting} events waiting");
            }
            waiting[key] = progress;
            order.Enqueue(key);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        try
        {
            while (await wake.Reader.WaitToReadAsync(stopping))
            {
                wake.Reader.TryRead(out _);
                while (TakeBatch() is { Count: > 0 } batch)
                    await Task.WhenAll(batch.Select(e => Deliver(e.Stream, e.Progress, stopping)));
            }
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // Shutdown: what still waits is live news nobody will read; the stores hold the truth.
        }
    }

    private List<(StreamId Stream, RunProgress Progress)> TakeBatch()
    {
        var batch = new List<(StreamId, RunProgress)>(BatchSize);
        lock (gate)
        {
            while (batch.Count < BatchSize && order.TryDequeue(out var key))
                if (waiting.Remove(key, out var progress))
                    batch.Add((key.Stream, progress));
        }
        return batch;
    }

    private async Task Deliver(StreamId stream, RunProgress progress, CancellationToken stopping)
    {
        try
        {
            provider ??= cluster.GetStreamProvider(LabStreams.Provider);                // once the silo is up
            await provider.GetStream<RunProgress>(stream).OnNextAsync(progress).WaitAsync(DeliveryTimeout, stopping);
            Interlocked.Increment(ref delivered);
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            dropLog.Report(Interlocked.Increment(ref dropped), e.Message);
        }
    }
}
