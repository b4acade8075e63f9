namespace MinRnnLab.Sweeps.Tests;

/// <summary>
/// `early_terminate: {type: patience, evals: N, min_delta: D}`: a run ends N evaluations after its best, judged on its
/// own curve, and is done (Finished) rather than pruned. Curves are evaluated every 25 steps, as in sweeps/paper-cpu.yaml.
/// </summary>
public class PatienceRuleTests
{
    private const int EvalInterval = 25;
    private static readonly MetricSpec ValLoss = new("val_loss", MetricGoal.Minimize, null);

    private static EarlyTermination Patience(int evals, double minDelta = 0) =>
        Sweeps.Valid(Sweeps.GridHeader + $"early_terminate: {{type: patience, evals: {evals}, min_delta: {minDelta}}}\n").EarlyTerminate!;

    [Fact]
    public void ARunStopsTheGivenNumberOfEvaluationsAfterItsBest()
    {
        // Best at eval 3 (2.0); evals 4–6 are worse, so with evals 3 the run ends at eval 6, step 150.
        double[] curve = [4.0, 3.0, 2.5, 2.0, 2.2, 2.1, 2.05, 1.0];

        var (eval, decision) = FirstStop(Patience(3), ValLoss, curve);

        Assert.Equal(6, eval);
        Assert.Equal(new PruneDecision(true, "stopped by patience at step 150 (eval 6), best at step 75 (eval 3): " +
                                             "val_loss 2 not improved by more than min_delta 0 in 3 evaluations", Finished: true), decision);
    }

    [Fact]
    public void UntilThenItSaysHowLongItHasWaited()
    {
        var evaluations = new EvalHistory(ValLoss, Patience(3));
        foreach (var (eval, value) in new[] { (0, 4.0), (1, 3.0), (2, 3.5) })
            evaluations.Record(At(0, eval, value));

        Assert.Equal(new PruneDecision(false, "patience: best val_loss 3 at step 25 (eval 1), 2 of 3 evaluations since"),
            evaluations.Decide(At(0, 3, 3.2)));
    }

    [Fact]
    public void ImprovementsSmallerThanMinDeltaDoNotCount()
    {
        // Falling by 0.01 per evaluation: with min_delta 0.05 none of it counts, so the best stays eval 0's.
        double[] curve = [3.00, 2.99, 2.98, 2.97, 2.96, 2.90];

        var (eval, decision) = FirstStop(Patience(3, minDelta: 0.05), ValLoss, curve);
        var (withoutDelta, _) = FirstStop(Patience(3), ValLoss, curve);

        Assert.Equal(3, eval);
        Assert.Contains("best at step 0 (eval 0): val_loss 3 not improved by more than min_delta 0.05 in 3 evaluations", decision.Reason);
        Assert.Null(withoutDelta);                                                      // every evaluation was a new best
    }

    [Fact]
    public void AMaximizedMetricWaitsForAHigherValue()
    {
        double[] curve = [1.0, 2.0, 1.5, 1.9, 1.8];

        var (eval, decision) = FirstStop(Patience(2), new MetricSpec("val_loss", MetricGoal.Maximize, null), curve);

        Assert.Equal(3, eval);
        Assert.Contains("best at step 25 (eval 1)", decision.Reason);
    }

    [Fact]
    public void OtherRunsDoNotMatter()
    {
        var evaluations = new EvalHistory(ValLoss, Patience(2));
        foreach (var eval in Enumerable.Range(0, 10))
            evaluations.Record(At(1, eval, 1.0 - 0.05 * eval));                           // a far better run
        evaluations.Record(At(0, 0, 3.0));
        evaluations.Record(At(0, 1, 2.0));

        Assert.False(evaluations.Decide(At(0, 2, 2.5)).Prune);
        Assert.True(evaluations.Decide(At(0, 3, 2.5)).Prune);
    }

    [Fact]
    public void ARebuiltHistoryDecidesAsTheLiveOneDid()
    {
        // A restarted sweep grain records the stored evaluations in any order, and a resumed run reports its
        // checkpoint's evaluation again: the decision at the next evaluation is the same.
        double[] curve = [4.0, 3.0, 2.0, 2.5, 2.4];
        var live = new EvalHistory(ValLoss, Patience(3));
        var rebuilt = new EvalHistory(ValLoss, Patience(3));
        foreach (var eval in Enumerable.Range(0, curve.Length))
            live.Record(At(0, eval, curve[eval]));
        foreach (var eval in new[] { 4, 1, 3, 0, 2, 2 })
            rebuilt.Record(At(0, eval, curve[eval]));

        var next = At(0, 5, 2.3);

        Assert.Equal(live.Decide(next), rebuilt.Decide(next));
        Assert.True(live.Decide(next).Prune);
    }

    [Fact]
    public void MedianAndAshaDecisionsAreNotFinished()
    {
        var median = new EarlyTermination(EarlyTerminateType.Median, MinEvals: 1, MaxEvals: null, Eta: 3, MinRuns: 1);
        List<EvalObservation> history = [new(0, 1, 1.0)];

        var decision = Pruner.Decide(median, ValLoss, history, new EvalObservation(1, 1, 5.0));

        Assert.Equal((true, false), (decision.Prune, decision.Finished));
    }

    private static EvalObservation At(int trial, int eval, double value) => new(trial, eval, value, eval * EvalInterval);

    /// <summary>Feeds one run's curve to the rule, evaluation by evaluation as the sweep grain does; the first stop, if any.</summary>
    private static (int? Eval, PruneDecision Decision) FirstStop(EarlyTermination rule, MetricSpec metric, double[] curve)
    {
        var evaluations = new EvalHistory(metric, rule);
        for (var eval = 0; eval < curve.Length; eval++)
        {
            var latest = At(0, eval, curve[eval]);
            var decision = evaluations.Decide(latest);
            evaluations.Record(latest);
            if (decision.Prune)
                return (eval, decision);
        }
        return (null, new PruneDecision(false, ""));
    }
}
