namespace MinRnnLab.Sweeps;

/// <summary>
/// The median stopping rule (Golovin et al. 2017, Google Vizier): from evaluation min_evals on, stop a run whose
/// best value so far is worse than the median of the best values, up to the same evaluation, of the other runs
/// that have reached it (running, finished or pruned), once at least min_runs of them have.
/// </summary>
internal static class MedianRule
{
    public static PruneDecision Decide(EarlyTermination rule, MetricSpec metric, EvalHistory.Judgement judgement)
    {
        var eval = judgement.Latest.EvalIndex;
        if (eval < rule.MinEvals)
            return new PruneDecision(false, $"median rule: not judged before eval {rule.MinEvals} (min_evals)");
        if (judgement.OwnBestUpTo(eval) is not { } own)
            return new PruneDecision(true, $"median rule: {metric.Name} has no finite value up to eval {eval}");
        var others = judgement.OthersAt(eval);
        if (others < rule.MinRuns)
            return new PruneDecision(false, $"median rule: {others} other run(s) reached eval {eval}, fewer than min_runs {rule.MinRuns}");
        var median = Median(judgement, eval, others);
        var worse = judgement.Worse(own, median);
        return new PruneDecision(worse,
            $"median rule: best {metric.Name} {Pruner.Number(own)} at eval {eval} {(worse ? "worse than" : "no worse than")} " +
            $"median {Pruner.Number(median)} of {others} runs");
    }

    private static double Median(EvalHistory.Judgement judgement, int eval, int count)
    {
        var mid = count / 2;
        return count % 2 == 1 ? judgement.OtherAt(eval, mid) : (judgement.OtherAt(eval, mid - 1) + judgement.OtherAt(eval, mid)) / 2;
    }
}
