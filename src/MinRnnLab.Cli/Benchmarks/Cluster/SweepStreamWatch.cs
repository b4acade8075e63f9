using System.Collections.Concurrent;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Worker;

namespace MinRnnLab.Cli.Benchmarks.Cluster;

/// <summary>
/// A client's live view of the benchmark's sweeps, as `sweep watch` or a sweep page gets it: when each run was first
/// seen queued and first seen running, and per evaluation the lag from the simulated trainer's clock
/// (<see cref="PacedRunExecutor.SentAtMetric"/>) to its arrival here. Both ends run on this machine, so one clock.
/// </summary>
public sealed class SweepStreamWatch : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> queued = new(), running = new();
    private readonly ConcurrentBag<double> lagsMs = [];
    private readonly ConcurrentDictionary<(string RunId, int Step), byte> evaluations = new();
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> watching = [];
    private long repeats;

    /// <summary>Evaluations seen more than once on the stream (a merge or a resumed attempt sending a step again).</summary>
    public long Repeats => Interlocked.Read(ref repeats);
    public int EvaluationsSeen => evaluations.Count;
    public IReadOnlyCollection<double> LagsMs => lagsMs;

    /// <summary>Seconds from a run first seen queued to first seen running, for runs seen in both states.</summary>
    public double[] QueuedToRunningSeconds() =>
        [.. queued.Where(q => running.ContainsKey(q.Key)).Select(q => (running[q.Key] - q.Value).TotalSeconds)];

    /// <summary>Runs first seen already running: their queued event was merged into a later one by a busy feed.</summary>
    public int RunsSeenOnlyRunning => running.Keys.Count(r => !queued.ContainsKey(r));

    public void Watch(LabClient client, string sweepId) => watching.Add(Task.Run(async () =>
    {
        // A killed gateway ends the subscription with an error: subscribe again until the benchmark stops.
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await foreach (var progress in client.WatchSweepAsync(sweepId, stop.Token))
                    Take(progress);
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                await Task.Delay(500);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }));

    private void Take(RunProgress progress)
    {
        var now = DateTimeOffset.UtcNow;
        if (progress.State == RunState.Queued)
            queued.TryAdd(progress.RunId, now);
        else if (progress.State != RunState.Preempted)
            running.TryAdd(progress.RunId, now);
        foreach (var point in progress.Points.Where(p => p.Name == PacedRunExecutor.SentAtMetric))
        {
            lagsMs.Add(now.ToUnixTimeMilliseconds() - point.Value);
            if (!evaluations.TryAdd((progress.RunId, point.Step), 0))
                Interlocked.Increment(ref repeats);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(watching).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // A subscription stuck on a dead gateway: the figures are taken already.
        }
        stop.Dispose();
    }
}
