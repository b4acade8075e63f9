namespace MinRnnLab.Web.Services;

/// <summary>
/// How often a live sweep page redraws its large views: the charts, the seed statistics and the results grid. Their
/// cost grows with the sweep's runs, both in the server's build and in the browser's draw, while the "Running now"
/// table and the counters cost little. So those follow every update (LiveRefresh), and the large views at most once
/// per <see cref="Interval"/>: every update up to 50 runs, once in 5 s from 1,000 runs. Redrawing everything at every
/// update put 20 tabs of a 1,000-run sweep minutes behind on 2 cores (docs/scale.md, "The web under load").
/// </summary>
/// <param name="now">The clock, in <see cref="TimeProvider"/> timestamps; tests pass their own.</param>
public sealed class LargeViewPace(Func<long>? now = null)
{
    public static readonly TimeSpan PerRun = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan Fastest = TimeSpan.FromMilliseconds(250);        // LiveRefresh's own interval
    public static readonly TimeSpan Slowest = TimeSpan.FromSeconds(5);

    private readonly Func<long> now = now ?? TimeProvider.System.GetTimestamp;
    private long? lastDrawn;

    /// <summary>The least time between two redraws of the large views of a page showing <paramref name="runs"/> runs.</summary>
    public static TimeSpan Interval(int runs) =>
        TimeSpan.FromTicks(Math.Clamp(PerRun.Ticks * Math.Max(runs, 0), Fastest.Ticks, Slowest.Ticks));

    /// <summary>
    /// True when the large views may redraw now, and then counts them as redrawn; otherwise false, with how long until
    /// they may (the page asks again then, so the last update is never left undrawn).
    /// </summary>
    public bool TryStart(int runs, out TimeSpan wait)
    {
        var at = now();
        if (lastDrawn is { } last && TimeProvider.System.GetElapsedTime(last, at) is var since && since < Interval(runs))
        {
            wait = Interval(runs) - since;
            return false;
        }
        lastDrawn = at;
        wait = TimeSpan.Zero;
        return true;
    }
}
