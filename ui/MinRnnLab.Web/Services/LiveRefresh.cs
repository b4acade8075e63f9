namespace MinRnnLab.Web.Services;

/// <summary>
/// Coalesces live updates into at most one redraw per interval: a sweep with many runs reporting at once
/// redraws its chart a few times a second, not once per report, and every update shows within the interval.
/// </summary>
public sealed class LiveRefresh(Func<Task> redraw, TimeSpan? interval = null) : IDisposable
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
            await redraw();
        }, stop.Token, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }
}
