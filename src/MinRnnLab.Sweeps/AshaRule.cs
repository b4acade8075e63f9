namespace MinRnnLab.Sweeps;

/// <summary>
/// Asynchronous successive halving (Li et al. 2018, ASHA). Rungs sit at evaluations min_evals · eta^k (below
/// max_evals). When a run first reaches a rung it is ranked, by its best value up to the rung, among every run
/// that has reached that rung so far, itself included; it goes on only if it ranks within the top
/// max(1, ⌊n / eta⌋). Runs are never paused to wait for later arrivals, so the first eta - 1 runs at a rung go
/// on only if each is the best so far; later runs face a bar that rises as the rung fills.
/// </summary>
internal static class AshaRule
{
    private const int ShownRungs = 6;   // without max_evals the rungs run to int.MaxValue

    public static PruneDecision Decide(EarlyTermination rule, MetricSpec metric, EvalHistory.Judgement judgement)
    {
        var (latest, previousEval) = (judgement.Latest, judgement.PreviousEval);
        var rungs = rule.Rungs().ToList();
        // A run whose evaluations skipped past a rung is judged at each rung it passed, lowest first.
        var crossed = rungs.Where(r => previousEval < r && r <= latest.EvalIndex).ToList();
        if (crossed.Count == 0)
        {
            var shown = string.Join(", ", rungs.Take(ShownRungs)) + (rungs.Count > ShownRungs ? ", …" : "");
            return new PruneDecision(false, $"ASHA: eval {latest.EvalIndex} is not a new rung (rungs at evals {shown})");
        }
        var reason = "";
        foreach (var rung in crossed)
        {
            var own = judgement.OwnBestUpTo(rung) ?? latest.Value;
            var count = judgement.OthersAt(rung) + 1;
            var keep = Math.Max(1, count / rule.Eta);
            var rank = 1 + judgement.OthersBetterThan(rung, own);                       // ties share the better rank
            var goesOn = rank <= keep && double.IsFinite(own);
            reason = $"ASHA: best {metric.Name} {Pruner.Number(own)} at rung eval {rung} ranks {rank} of {count}, " +
                $"{(goesOn ? "within" : "outside")} the top {keep} (1/{rule.Eta}) that go on";
            if (!goesOn)
                return new PruneDecision(true, reason);
        }
        return new PruneDecision(false, reason);
    }
}
