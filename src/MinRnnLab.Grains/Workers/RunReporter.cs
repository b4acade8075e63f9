using System.Diagnostics;
using System.Threading.Channels;
using MinRnnLab.Abstractions;

namespace MinRnnLab.Grains.Workers;

/// <summary>
/// Sends a run's reports to its grain from a background loop, in order, retrying while the cluster or its
/// database is unavailable: training never waits on the network and no batch is dropped. When the grain
/// answers Stop (cancelled, pruned, or the attempt is stale), it cancels the training.
/// </summary>
public sealed class RunReporter : IRunReporter, IAsyncDisposable
{
    private const int MaxAttempts = 100;
    private static readonly TimeSpan AcknowledgeTimeout = TimeSpan.FromSeconds(5);
    private readonly Channel<Func<Task>> pending = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IRunGrain run;
    private readonly int attempt;
    private readonly CancellationTokenSource training;
    private readonly Task sender;
    // Started with the attempt: each report carries the attempt's training time so far, so a worker killed
    // mid-run has already told its run how long it trained.
    private readonly Stopwatch trainingTime = Stopwatch.StartNew();
    private (int Step, int MaxIters)? lastProgress;

    public RunReporter(IRunGrain run, int attempt, CancellationTokenSource training)
    {
        (this.run, this.attempt, this.training) = (run, attempt, training);
        sender = Task.Run(SendAll);
    }

    public void Progress(int step, int maxIters, IReadOnlyList<MetricPoint> points)
    {
        lastProgress = (step, maxIters);
        var seconds = trainingTime.Elapsed.TotalSeconds;
        pending.Writer.TryWrite(async () =>
        {
            if (await run.ReportProgress(attempt, step, maxIters, [.. points], seconds) == RunCommand.Stop)
                await training.CancelAsync();
        });
    }

    public void Checkpoint(int step) => pending.Writer.TryWrite(() => run.ReportCheckpoint(attempt, step));

    public void Resumed(int step) => pending.Writer.TryWrite(() => run.ReportResume(attempt, step));

    public void Waiting(string? reason) => pending.Writer.TryWrite(() => run.ReportWaiting(attempt, reason));

    /// <summary>
    /// Waits until every queued report has been delivered. A stopped attempt (cancelled, pruned, lease lost, silo
    /// shutting down) then acknowledges the stop with how long it trained: its evaluations go first, so the run
    /// keeps the last one, and the grain ignores the acknowledgement of an attempt that is no longer its own.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await sender;
        if (training.IsCancellationRequested && lastProgress is { } last)
            await AcknowledgeStop(last.Step, last.MaxIters);
    }

    /// <summary>Best effort and brief, without retries: a silo shutting down must not wait on an unreachable cluster.</summary>
    private async Task AcknowledgeStop(int step, int maxIters)
    {
        try
        {
            await run.ReportProgress(attempt, step, maxIters, [], trainingTime.Elapsed.TotalSeconds).WaitAsync(AcknowledgeTimeout);
        }
        catch (Exception)
        {
            // The time up to the last delivered evaluation is already recorded.
        }
    }

    private async Task SendAll()
    {
        await foreach (var send in pending.Reader.ReadAllAsync())
        {
            var delay = TimeSpan.FromMilliseconds(200);
            for (var attemptNumber = 1; ; attemptNumber++)
            {
                try
                {
                    await send();
                    break;
                }
                catch (Exception) when (attemptNumber < MaxAttempts)
                {
                    // Cluster or database down: keep the batch and retry with backoff (about 15 minutes in all).
                    await Task.Delay(delay);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
                }
                catch (Exception)
                {
                    break;                                                              // give up on this report only
                }
            }
        }
    }
}
