namespace MinRnnLab.UiBench;

/// <summary>
/// Loss curves shaped like training's (fast fall, then a floor per architecture and seed, train noisier than val),
/// made up, so the benchmark needs no training: the same numbers seed the lab's metrics store and the plain pages.
/// </summary>
public static class SyntheticCurves
{
    public static readonly string[] Archs = ["transformer", "mingru", "minlstm", "mamba"];

    /// <summary>Loss at <paramref name="step"/> for a run of architecture index <paramref name="arch"/> and seed (0-based).</summary>
    public static double Loss(int arch, int seed, int step, bool train)
    {
        var floor = 1.4 + 0.05 * arch + 0.01 * seed;
        var loss = floor + 2.8 * Math.Exp(-step / 700.0);
        return train ? loss * (1 + 0.03 * Math.Sin(step * 0.7 + seed)) : loss * 1.03;
    }

    /// <summary>
    /// The steps a chart keeps of <paramref name="steps"/> when it may draw <paramref name="points"/> of them: evenly
    /// spaced, first and last included. The app thins with LTTB, which keeps as many points (at other steps).
    /// </summary>
    public static int[] Thinned(int steps, int points)
    {
        if (points >= steps)
            return Enumerable.Range(0, steps).ToArray();
        return Enumerable.Range(0, points).Select(i => (int)Math.Round(i * (steps - 1) / (double)(points - 1))).ToArray();
    }
}
