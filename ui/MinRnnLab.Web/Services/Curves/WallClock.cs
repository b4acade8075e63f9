namespace MinRnnLab.Web.Services.Curves;

/// <summary>
/// A run's training seconds at any step, from the (thinned) wall_seconds points it reported at its evaluations:
/// linear between two of them, at the mean rate before the first, at the last stretch's rate after the last.
/// Loss curves and the wall-time curve are thinned separately, so their steps need not match.
/// </summary>
public sealed class WallClock
{
    private readonly double[] steps;
    private readonly double[] seconds;

    /// <param name="points">(step, seconds) in ascending step order, at least one.</param>
    public WallClock(IReadOnlyList<(double Step, double Seconds)> points)
    {
        if (points.Count == 0)
            throw new ArgumentException("a wall clock needs at least one (step, seconds) point", nameof(points));
        steps = points.Select(p => p.Step).ToArray();
        seconds = points.Select(p => p.Seconds).ToArray();
    }

    public double SecondsAt(double step)
    {
        var last = steps.Length - 1;
        if (step <= steps[0])
            return steps[0] > 0 ? seconds[0] * step / steps[0] : seconds[0];
        if (step >= steps[last])
        {
            var rate = last == 0 ? seconds[0] / steps[0] : (seconds[last] - seconds[last - 1]) / (steps[last] - steps[last - 1]);
            return seconds[last] + rate * (step - steps[last]);
        }
        var index = Array.BinarySearch(steps, step);
        if (index >= 0)
            return seconds[index];
        var upper = ~index;
        var fraction = (step - steps[upper - 1]) / (steps[upper] - steps[upper - 1]);
        return seconds[upper - 1] + fraction * (seconds[upper] - seconds[upper - 1]);
    }
}
