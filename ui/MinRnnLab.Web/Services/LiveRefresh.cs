namespace MinRnnLab.Web.Services;

/// <summary>
/// Coalesces live updates into at most one redraw per interval, and never more than one redraw at a time: a sweep
/// with many runs reporting at once redraws its chart a few times a second, not once per report; every update shows
/// in the redraw after it; and a redraw slower than the interval (a 1,000-trial page on a busy server) is followed by
/// one more, not by a queue of them. Without that bound, 20 tabs of such a page queued redraws faster than the server
/// drew them and were still drawing twelve minutes after their sweep had ended (docs/scale.md, "The web under load").
/// A redraw that fails is logged (nothing awaits it) and the next request tries again.
/// </summary>
public sealed class LiveRefresh(Func<Task> redraw, ILogger logger, TimeSpan? interval = null) : IDisposable
{
    private readonly TimeSpan interval = interval ?? TimeSpan.FromMilliseconds(250);
    private readonly CancellationTokenSource stop = new();
    private readonly Lock gate = new();
    private bool drawing;                                                               // a redraw is waiting or running
    private bool requestedSince;                                                        // an update came after it began

    public void Request()
    {
        lock (gate)
        {
            if (drawing)
            {
                requestedSince = true;
                return;
            }
            drawing = true;
        }
        _ = DrawUntilCurrentAsync();
    }

    private async Task DrawUntilCurrentAsync()
    {
        while (true)
        {
            try
            {
                await Task.Delay(interval, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;                                                                 // the page is gone
            }
            lock (gate)
                requestedSince = false;
            try
            {
                await redraw();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "live redraw failed");
            }
            catch (OperationCanceledException)
            {
            }
            lock (gate)
            {
                if (!requestedSince)
                {
                    drawing = false;
                    return;
                }
            }
        }
    }

    // Cancelled, not disposed: a redraw loop still running reads its token after this, and a source with no timer
    // and no links holds nothing to release.
    public void Dispose() => stop.Cancel();
}
