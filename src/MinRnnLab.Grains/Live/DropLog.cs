using Microsoft.Extensions.Logging;

namespace MinRnnLab.Grains.Live;

/// <summary>
/// Says that live events were dropped, at most once per <paramref name="every"/>: under a flood of drops one line a
/// minute tells the operator as much as thousands would, without filling the log.
/// </summary>
internal sealed class DropLog(ILogger logger, TimeSpan every)
{
    private readonly Lock gate = new();
    private DateTime nextAt = DateTime.MinValue;
    private long droppedWhenLastSaid;

    public void Report(long droppedSoFar, string cause)
    {
        lock (gate)
        {
            var now = DateTime.UtcNow;
            if (now < nextAt)
                return;
            logger.LogWarning("live updates: {Dropped} event(s) dropped since the last report ({Total} in all), the latest because: {Cause}; " +
                              "nothing stored is lost, and pages and `sweep watch` catch up from the store",
                droppedSoFar - droppedWhenLastSaid, droppedSoFar, cause);
            (nextAt, droppedWhenLastSaid) = (now + every, droppedSoFar);
        }
    }
}
