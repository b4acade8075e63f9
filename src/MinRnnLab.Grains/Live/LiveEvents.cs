using MinRnnLab.Abstractions;

namespace MinRnnLab.Grains.Live;

/// <summary>How two live events of one stream become one while the first still waits to be delivered.</summary>
public static class LiveEvents
{
    /// <summary>Points one merged event carries at most: far more than a run reports between two deliveries.</summary>
    public const int MaxPoints = 4_096;

    /// <summary>
    /// The later event's run, state, step and best loss (the latest status is all a page needs), its max_iters unless
    /// it has none (a state change carries 0), and the points of both, in order: a curve loses nothing by a merge.
    /// Beyond <see cref="MaxPoints"/> the oldest points go and <paramref name="pointsLost"/> says so.
    /// </summary>
    public static RunProgress Merge(RunProgress earlier, RunProgress later, out bool pointsLost)
    {
        MetricPoint[] points = [.. earlier.Points, .. later.Points];
        pointsLost = points.Length > MaxPoints;
        if (pointsLost)
            points = points[^MaxPoints..];
        return later with { MaxIters = later.MaxIters == 0 ? earlier.MaxIters : later.MaxIters, Points = points };
    }
}
