using MinRnnLab.Abstractions;
using MinRnnLab.Config;

namespace MinRnnLab.Web.Services;

/// <summary>
/// A trial's row as its curve says it (issue 28 item 6): the sweep page's tables (Convergence, Against the paper,
/// Across seeds, Results) read the trial rows, and the rows are read from the store only now and then (a state change,
/// every 15 s), while the curve grows with every evaluation. So each row takes from the curve what the curve knows
/// better: a lower best val loss and its step, an earlier step at or below the target, a later training time.
/// Stored numbers are kept where the curve knows less (a thinned curve may lack the best point of a long run).
/// </summary>
public static class LiveTrialNumbers
{
    public static TrialInfo With(TrialInfo trial, RunCurves? curves, double? targetLoss)
    {
        var val = curves?.Points(MetricNames.ValLoss) ?? [];
        if (val.Count == 0)
            return trial;
        var best = val.MinBy(p => p.Y);                                                 // the first of equal minima, as the grain keeps it
        if (trial.BestValLoss is not { } stored || best.Y < stored || (best.Y == stored && trial.BestStep is null))
            trial = trial with { BestValLoss = best.Y, BestStep = (int)best.X };
        var reached = targetLoss is { } target ? val.Where(p => p.Y <= target).Select(p => (int?)p.X).FirstOrDefault() : null;
        if (reached is { } at && (trial.StepsToTarget is null || at < trial.StepsToTarget))
            trial = trial with { StepsToTarget = at };
        if (curves!.Points(MetricNames.WallSeconds) is { Count: > 0 } wall && wall[^1].Y > trial.TrainingSeconds)
            trial = trial with { TrainingSeconds = wall[^1].Y };
        return trial;
    }

    /// <summary>Every row with its curve's numbers (see <see cref="With(TrialInfo, RunCurves?, double?)"/>).</summary>
    public static TrialInfo[] With(IEnumerable<TrialInfo> trials, IReadOnlyDictionary<string, RunCurves> curves, double? targetLoss) =>
        trials.Select(t => With(t, curves.GetValueOrDefault(t.RunId), targetLoss)).ToArray();
}
