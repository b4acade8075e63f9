namespace MinRnnLab.Worker;

/// <summary>
/// A delay that doubles at each retry up to a cap (1 s, 2 s, 4 s, … 30 s): how the worker retries a report the
/// cluster refused, an attempt's end it could not record, and a checkpoint probe on a full disk.
/// </summary>
public struct Backoff(TimeSpan first, TimeSpan cap)
{
    private TimeSpan next = first;

    /// <summary>The delay to wait now; the one after it is twice as long, or the cap.</summary>
    public TimeSpan Next()
    {
        var now = next;
        next = TimeSpan.FromTicks(Math.Min(next.Ticks * 2, cap.Ticks));
        return now;
    }
}
