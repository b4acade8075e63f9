using System.Threading.Channels;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;

namespace MinRnnLab.Web.Services;

/// <summary>
/// One subscription to a sweep's live stream for every tab that shows the sweep. Each subscription is a delivery of
/// every evaluation from the silos to this process, so 20 tabs of one sweep took 20 copies of each; the copies
/// are now made here, in memory (docs/scale.md, "The web under load"). The shared subscription starts with the
/// first tab and ends with the last; a stream that fails ends every tab's watch with its error, as the stream did.
/// </summary>
public sealed class SweepWatches(ILabClient lab)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Shared> bySweep = [];

    /// <summary>The sweep's updates from now on, until <paramref name="cancel"/>; each tab reads its own copy at its own pace.</summary>
    public async IAsyncEnumerable<RunProgress> WatchAsync(string sweepId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel = default)
    {
        var mine = Channel.CreateUnbounded<RunProgress>(new UnboundedChannelOptions { SingleReader = true });
        Shared shared;
        lock (gate)
        {
            if (!bySweep.TryGetValue(sweepId, out shared!))
                bySweep[sweepId] = shared = Start(sweepId);
            shared.Readers.Add(mine.Writer);
        }
        try
        {
            await foreach (var progress in mine.Reader.ReadAllAsync(cancel))
                yield return progress;
        }
        finally
        {
            lock (gate)
            {
                shared.Readers.Remove(mine.Writer);
                if (shared.Readers.Count == 0 && bySweep.GetValueOrDefault(sweepId) == shared)
                {
                    bySweep.Remove(sweepId);
                    shared.Stop.Cancel();                                               // the last tab left
                }
            }
        }
    }

    private sealed record Shared(List<ChannelWriter<RunProgress>> Readers, CancellationTokenSource Stop);

    private Shared Start(string sweepId)
    {
        var shared = new Shared([], new CancellationTokenSource());
        _ = PumpAsync(sweepId, shared);
        return shared;
    }

    private async Task PumpAsync(string sweepId, Shared shared)
    {
        Exception? failure = null;
        try
        {
            await foreach (var progress in lab.WatchSweepAsync(sweepId, shared.Stop.Token))
                lock (gate)
                    foreach (var reader in shared.Readers)
                        reader.TryWrite(progress);                                      // unbounded: never refused while open
        }
        catch (OperationCanceledException) when (shared.Stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            failure = e;
        }
        lock (gate)
        {
            if (bySweep.GetValueOrDefault(sweepId) == shared)
                bySweep.Remove(sweepId);                                                // the next tab subscribes afresh
            foreach (var reader in shared.Readers)
                reader.TryComplete(failure);
        }
    }
}
