using MinRnnLab.Abstractions;
using MinRnnLab.Config;

namespace MinRnnLab.Web.Services;

/// <summary>
/// A trial's row as its curve says it (issue 28 item 6): the sweep page's tables (Convergence, Against the paper,
/// Across seeds, Results) read the trial rows, and the rows are read from the store only now and then (a state change,
/// every 15 s), while the curve grows with every evaluation. So each row takes from the curve what the curve knows
/// better: a better best of the sweep's metric and its step, an earlier step that reaches the target, a later training time.
/// Stored numbers are kept where the curve knows less (a thinned curve may lack the best point of a long run).
/// </summary>
public static class LiveTrialNumbers
{
    public static TrialInfo With(TrialInfo trial, RunCurves? curves, SweepMetric metric, double? targetLoss)
    {
        var points = curves?.Points(metric.Name) ?? [];
        if (points.Count == 0)
            return trial;
        var best = points[0];                                                           // the first of equal bests, as the grain keeps it
        foreach (var point in points)
            if (metric.Improves(point.Y, best.Y))
                best = point;
        if (metric.Improves(best.Y, trial.BestMetric) || (best.Y == trial.BestMetric && trial.BestStep is null))
            trial = trial with { BestMetric = best.Y, BestStep = (int)best.X };
        var reached = targetLoss is { } target ? points.Where(p => metric.Reaches(p.Y, target)).Select(p => (int?)p.X).FirstOrDefault() : null;
        if (reached is { } at && (trial.StepsToTarget is null || at < trial.StepsToTarget))
            trial = trial with { StepsToTarget = at };
        if (curves!.Points(MetricNames.WallSeconds) is { Count: > 0 } wall && wall[^1].Y > trial.TrainingSeconds)
            trial = trial with { TrainingSeconds = wall[^1].Y };
        return trial;
    }

    /// <summary>Every row with its curve's numbers (see <see cref="With(TrialInfo, RunCurves?, SweepMetric, double?)"/>).</summary>
    public static TrialInfo[] With(IEnumerable<TrialInfo> trials, IReadOnlyDictionary<string, RunCurves> curves, SweepMetric metric, double? targetLoss) =>
        trials.Select(t => With(t, curves.GetValueOrDefault(t.RunId), metric, targetLoss)).ToArray();
}
