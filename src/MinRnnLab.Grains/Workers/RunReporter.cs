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
    private readonly Channel<Func<Task>> pending = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IRunGrain run;
    private readonly int attempt;
    private readonly CancellationTokenSource training;
    private readonly Task sender;

    public RunReporter(IRunGrain run, int attempt, CancellationTokenSource training)
    {
        (this.run, this.attempt, this.training) = (run, attempt, training);
        sender = Task.Run(SendAll);
    }

    public void Progress(int step, int maxIters, IReadOnlyList<MetricPoint> points) =>
        pending.Writer.TryWrite(async () =>
        {
            if (await run.ReportProgress(attempt, step, maxIters, [.. points]) == RunCommand.Stop)
                await training.CancelAsync();
        });

    public void Checkpoint(int step) => pending.Writer.TryWrite(() => run.ReportCheckpoint(attempt, step));

    public void Resumed(int step) => pending.Writer.TryWrite(() => run.ReportResume(attempt, step));

    public void Waiting(string? reason) => pending.Writer.TryWrite(() => run.ReportWaiting(attempt, reason));

    /// <summary>Waits until every queued report has been delivered.</summary>
    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await sender;
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
