namespace MinRnnLab.Sweeps;

/// <summary>
/// The median stopping rule (Golovin et al. 2017, Google Vizier): from evaluation min_evals on, stop a run whose
/// best value so far is worse than the median of the best values, up to the same evaluation, of the other runs
/// that have reached it (running, finished or pruned), once at least min_runs of them have.
/// </summary>
internal static class MedianRule
{
    public static PruneDecision Decide(EarlyTermination rule, MetricSpec metric, Curves curves, EvalObservation latest)
    {
        var eval = latest.EvalIndex;
        if (eval < rule.MinEvals)
            return new PruneDecision(false, $"median rule: not judged before eval {rule.MinEvals} (min_evals)");
        if (curves.BestUpTo(latest.TrialIndex, eval) is not { } own)
            return new PruneDecision(true, $"median rule: {metric.Name} has no finite value up to eval {eval}");
        var others = curves.Trials
            .Where(t => t != latest.TrialIndex && curves.Reached(t, eval))
            .Select(t => curves.BestUpTo(t, eval))
            .OfType<double>()
            .ToList();
        if (others.Count < rule.MinRuns)
            return new PruneDecision(false, $"median rule: {others.Count} other run(s) reached eval {eval}, fewer than min_runs {rule.MinRuns}");
        var median = Median(others);
        var worse = curves.Worse(own, median);
        return new PruneDecision(worse,
            $"median rule: best {metric.Name} {Pruner.Number(own)} at eval {eval} {(worse ? "worse than" : "no worse than")} " +
            $"median {Pruner.Number(median)} of {others.Count} runs");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
