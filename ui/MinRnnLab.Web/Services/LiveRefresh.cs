namespace MinRnnLab.Web.Services;

/// <summary>
/// Coalesces live updates into at most one redraw per interval: a sweep with many runs reporting at once
/// redraws its chart a few times a second, not once per report, and every update shows within the interval.
/// A redraw that fails is logged (nothing awaits it) and the next request tries again.
/// </summary>
public sealed class LiveRefresh(Func<Task> redraw, ILogger logger, TimeSpan? interval = null) : IDisposable
{
    private readonly TimeSpan interval = interval ?? TimeSpan.FromMilliseconds(250);
    private readonly CancellationTokenSource stop = new();
    private int pending;

    public void Request()
    {
        if (Interlocked.Exchange(ref pending, 1) == 1)
            return;                                                                     // a redraw is already on its way
        _ = Task.Delay(interval, stop.Token).ContinueWith(async _ =>
        {
            Interlocked.Exchange(ref pending, 0);
            try
            {
                await redraw();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "live redraw failed");
            }
        }, stop.Token, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }
}
