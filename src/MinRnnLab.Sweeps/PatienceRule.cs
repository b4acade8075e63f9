namespace MinRnnLab.Sweeps;

/// <summary>
/// Patience (Keras' EarlyStopping, nanoGPT-style "stop once validation loss stops improving"): a run stops once `evals`
/// evaluations have passed since its best, judged on its own evaluations alone. The best is the first evaluation, then
/// each one better than the best so far by more than min_delta, so a run creeping down by less than min_delta per
/// evaluation still stops. The decision is Finished: the run's best is behind it, and it is recorded as succeeded
/// with a reason that names both steps, not as pruned: its best value is a result, as a run trained to max_iters is.
/// </summary>
internal static class PatienceRule
{
    public static PruneDecision Decide(EarlyTermination rule, MetricSpec metric, EvalHistory.Judgement judgement)
    {
        var latest = judgement.Latest;
        EvalObservation? best = null;
        foreach (var evaluation in judgement.OwnBefore.Append(latest).Where(e => double.IsFinite(e.Value)))
        {
            if (best is null || judgement.BetterBy(evaluation.Value, best.Value, rule.MinDelta))
                best = evaluation;
        }
        if (best is null)
            return new PruneDecision(false, $"patience: no finite {metric.Name} up to eval {latest.EvalIndex}");
        var since = latest.EvalIndex - best.EvalIndex;
        if (since < rule.PatienceEvals)
            return new PruneDecision(false, $"patience: best {metric.Name} {Pruner.Number(best.Value)} at {At(best)}, " +
                $"{since} of {rule.PatienceEvals} evaluations since");
        return new PruneDecision(true, $"stopped by patience at {At(latest)}, best at {At(best)}: {metric.Name} " +
            $"{Pruner.Number(best.Value)} not improved by more than min_delta {Pruner.Number(rule.MinDelta)} in {since} evaluations",
            Finished: true);
    }

    private static string At(EvalObservation evaluation) =>
        evaluation.Step is { } step ? $"step {step} (eval {evaluation.EvalIndex})" : $"eval {evaluation.EvalIndex}";
}
