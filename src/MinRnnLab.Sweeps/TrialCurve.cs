namespace MinRnnLab.Sweeps;

/// <summary>
/// One trial's evaluations as EvalHistory keeps them: the best finite value up to each evaluation (NaN while
/// there is none), which evaluations were reported, and the objective TPE learns from.
/// </summary>
internal sealed class TrialCurve(MetricGoal goal)
{
    private readonly List<double> bestUpTo = [];                                        // by evaluation index, 0..LastEval
    private readonly List<bool> observed = [];
    private bool hasValue;

    /// <summary>The highest evaluation reported, or -1: the trial has "reached" every evaluation up to it.</summary>
    public int LastEval => bestUpTo.Count - 1;

    /// <summary>The best of every value reported, NaN when none; NaN values count as LINQ's Min and Max count them.</summary>
    public double Objective { get; private set; } = double.NaN;

    public void Add(EvalObservation observation)
    {
        while (LastEval < observation.EvalIndex)
        {
            bestUpTo.Add(LastEval < 0 ? double.NaN : bestUpTo[LastEval]);
            observed.Add(false);
        }
        observed[observation.EvalIndex] = true;
        var value = observation.Value;
        if (double.IsFinite(value))
            for (var eval = observation.EvalIndex; eval <= LastEval; eval++)
                bestUpTo[eval] = double.IsNaN(bestUpTo[eval]) ? value : Better(bestUpTo[eval], value);
        // Enumerable.Min returns NaN if any value is NaN; Enumerable.Max ignores NaN unless every value is NaN.
        Objective = !hasValue ? value
            : goal == MetricGoal.Minimize ? Math.Min(Objective, value)
            : double.IsNaN(Objective) ? value : double.IsNaN(value) ? Objective : Math.Max(Objective, value);
        hasValue = true;
    }

    /// <summary>The best finite value over evaluations 0..eval, or null when there is none.</summary>
    public double? BestUpTo(int eval)
    {
        if (eval < 0 || LastEval < 0)
            return null;
        var best = bestUpTo[Math.Min(eval, LastEval)];
        return double.IsNaN(best) ? null : best;
    }

    /// <summary>What the trial contributes to the leaderboard of <paramref name="eval"/>: its best there once it reached it.</summary>
    public double? LeaderboardEntry(int eval) => eval <= LastEval ? BestUpTo(eval) : null;

    /// <summary>The last evaluation reported before <paramref name="eval"/>, or -1.</summary>
    public int LastObservedBefore(int eval)
    {
        for (var e = Math.Min(eval - 1, LastEval); e >= 0; e--)
            if (observed[e])
                return e;
        return -1;
    }

    private double Better(double a, double b) => goal == MetricGoal.Minimize ? Math.Min(a, b) : Math.Max(a, b);
}
