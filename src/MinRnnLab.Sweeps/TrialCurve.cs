namespace MinRnnLab.Sweeps;

/// <summary>
/// One trial's evaluations as EvalHistory keeps them: the best finite value up to each evaluation (NaN while
/// there is none), what was reported at each evaluation, and the objective TPE learns from.
/// </summary>
internal sealed class TrialCurve(MetricGoal goal)
{
    private readonly List<double> bestUpTo = [];                                        // by evaluation index, 0..LastEval
    private readonly List<bool> observed = [];
    private readonly List<EvalObservation?> seen = [];                                  // by evaluation index: what was reported there
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
            seen.Add(null);
        }
        observed[observation.EvalIndex] = true;
        // A resumed run reports its checkpoint's evaluation again, with the same value; of two, keep the better.
        if (seen[observation.EvalIndex] is not { } kept || !double.IsFinite(kept.Value)
            || (double.IsFinite(observation.Value) && IsBetter(observation.Value, kept.Value)))
            seen[observation.EvalIndex] = observation;
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

    /// <summary>The evaluations reported before <paramref name="eval"/>, ascending: the better one where an evaluation came twice.</summary>
    public IEnumerable<EvalObservation> ObservedBefore(int eval)
    {
        for (var e = 0; e < Math.Min(eval, seen.Count); e++)
            if (seen[e] is { } observation)
                yield return observation;
    }

    /// <summary>The last evaluation reported before <paramref name="eval"/>, or -1.</summary>
    public int LastObservedBefore(int eval)
    {
        for (var e = Math.Min(eval - 1, LastEval); e >= 0; e--)
            if (observed[e])
                return e;
        return -1;
    }

    private double Better(double a, double b) => goal == MetricGoal.Minimize ? Math.Min(a, b) : Math.Max(a, b);

    private bool IsBetter(double a, double b) => goal == MetricGoal.Minimize ? a < b : a > b;
}
