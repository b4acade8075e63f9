namespace MinRnnLab.Web.Services;

/// <summary>
/// Live updates are best-effort: a silo drops them when its stream's queues are full (the Overview counts them). So
/// while what a page shows can still change, the page reads the store again every <see cref="Every"/>: a missed
/// update costs at most that long, and the stores, not the stream, are what a page ends up showing.
/// </summary>
public static class StoreCatchUp
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(15);

    /// <summary>Calls <paramref name="reload"/> every <see cref="Every"/> while <paramref name="stillLive"/> holds, until <paramref name="stop"/>.</summary>
    public static async Task RunAsync(Func<bool> stillLive, Func<Task> reload, ILogger logger, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
                if (stillLive())
                    await reload();
        }
        catch (OperationCanceledException) { }
        catch (Exception e)
        {
            logger.LogError(e, "reading the store again failed; reload the page for current numbers");
        }
    }
}
