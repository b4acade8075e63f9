namespace MinRnnLab.Sweeps.Tests;

/// <summary>
/// Early termination on synthetic learning curves: which runs stop, at which evaluation, and the reason they
/// are given. Curves use whole numbers so "worse than the median" never hangs on rounding.
/// </summary>
public class PrunerTests
{
    private static readonly MetricSpec ValLoss = new("val_loss", MetricGoal.Minimize, null);

    [Fact]
    public void MedianRuleStopsRunsBehindTheOthersAtTheSameEvaluationInLockstep()
    {
        // Six runs evaluated in lockstep (parallel 6); run i sits 2·i above run 0 at every evaluation.
        var rule = new EarlyTermination(EarlyTerminateType.Median, MinEvals: 3, MaxEvals: null, Eta: 3, MinRuns: 3);
        var curves = Enumerable.Range(0, 6).Select(i => Enumerable.Range(0, 10).Select(e => 10.0 + 2 * i - e).ToArray()).ToArray();

        var stopped = Simulate(rule, ValLoss, curves, Lockstep(curves));

        Assert.Equal(
        [
            (3, 3, "median rule: best val_loss 13 at eval 3 worse than median 9 of 3 runs"),
            (4, 3, "median rule: best val_loss 15 at eval 3 worse than median 10 of 4 runs"),
            (5, 3, "median rule: best val_loss 17 at eval 3 worse than median 11 of 5 runs"),
        ], stopped);
    }

    [Fact]
    public void MedianRuleJudgesEachRunByItsBestSoFarAgainstTheRunsBeforeIt()
    {
        // One run at a time (parallel 1). Run 2 starts slowly and would end best: the median rule stops it anyway,
        // the rule's known cost. Run 3 keeps pace until eval 5, then plateaus and falls behind at eval 6.
        var rule = new EarlyTermination(EarlyTerminateType.Median, MinEvals: 2, MaxEvals: null, Eta: 3, MinRuns: 2);
        double[][] curves =
        [
            [.. Enumerable.Range(0, 10).Select(e => 20.0 - e)],
            [.. Enumerable.Range(0, 10).Select(e => 22.0 - e)],
            [.. Enumerable.Range(0, 10).Select(e => 30.0 - 2.5 * e)],
            [.. Enumerable.Range(0, 10).Select(e => e <= 5 ? 21.0 - e : 17)],
        ];

        var stopped = Simulate(rule, ValLoss, curves, OneAfterAnother(curves));

        Assert.Equal(
        [
            (2, 2, "median rule: best val_loss 25 at eval 2 worse than median 19 of 2 runs"),
            (3, 6, "median rule: best val_loss 16 at eval 6 worse than median 15 of 2 runs"),
        ], stopped);
    }

    [Fact]
    public void MedianRuleWaitsForMinEvalsAndMinRuns()
    {
        var rule = new EarlyTermination(EarlyTerminateType.Median, MinEvals: 3, MaxEvals: null, Eta: 3, MinRuns: 5);
        List<EvalObservation> history = [new(0, 3, 1.0), new(1, 3, 1.0)];

        Assert.Equal(new PruneDecision(false, "median rule: not judged before eval 3 (min_evals)"),
            Pruner.Decide(rule, ValLoss, history, new EvalObservation(2, 2, 9.0)));
        Assert.Equal(new PruneDecision(false, "median rule: 2 other run(s) reached eval 3, fewer than min_runs 5"),
            Pruner.Decide(rule, ValLoss, history, new EvalObservation(2, 3, 9.0)));
    }

    [Fact]
    public void AshaKeepsTheTopThirdOfTheRunsThatReachedEachRungSoFar()
    {
        // Nine runs one after another; run i's curve is base_i + 10 - e, so runs rank by base at every rung.
        // Rungs at evals 1 and 3 (eta 3, below max_evals 9).
        var rule = new EarlyTermination(EarlyTerminateType.Asha, MinEvals: 1, MaxEvals: 9, Eta: 3, MinRuns: 5);
        int[] bases = [5, 3, 8, 1, 6, 2, 7, 4, 0];
        var curves = bases.Select(b => Enumerable.Range(0, 10).Select(e => b + 10.0 - e).ToArray()).ToArray();

        var stopped = Simulate(rule, ValLoss, curves, OneAfterAnother(curves));

        Assert.Equal(
        [
            (2, 1, "ASHA: best val_loss 17 at rung eval 1 ranks 3 of 3, outside the top 1 (1/3) that go on"),
            (4, 1, "ASHA: best val_loss 15 at rung eval 1 ranks 4 of 5, outside the top 1 (1/3) that go on"),
            (5, 3, "ASHA: best val_loss 9 at rung eval 3 ranks 2 of 4, outside the top 1 (1/3) that go on"),
            (6, 1, "ASHA: best val_loss 16 at rung eval 1 ranks 6 of 7, outside the top 2 (1/3) that go on"),
            (7, 1, "ASHA: best val_loss 13 at rung eval 1 ranks 4 of 8, outside the top 2 (1/3) that go on"),
        ], stopped);
    }

    [Fact]
    public void MaximizedMetricsPruneTheMirrorImageRuns()
    {
        var rule = new EarlyTermination(EarlyTerminateType.Asha, MinEvals: 1, MaxEvals: 9, Eta: 3, MinRuns: 5);
        int[] bases = [5, 3, 8, 1, 6, 2, 7, 4, 0];
        var curves = bases.Select(b => Enumerable.Range(0, 10).Select(e => -(b + 10.0 - e)).ToArray()).ToArray();

        var stopped = Simulate(rule, new MetricSpec("val_loss", MetricGoal.Maximize, null), curves, OneAfterAnother(curves));

        Assert.Equal([(2, 1), (4, 1), (5, 3), (6, 1), (7, 1)], stopped.Select(s => (s.Trial, s.Eval)));
    }

    [Fact]
    public void AshaJudgesARunAtEveryRungItsEvaluationsSkippedPast()
    {
        var rule = new EarlyTermination(EarlyTerminateType.Asha, MinEvals: 1, MaxEvals: null, Eta: 2, MinRuns: 5);
        List<EvalObservation> history = [new(0, 0, 10), new(0, 1, 5), new(0, 2, 4), new(1, 0, 10), new(1, 1, 6), new(1, 2, 3), new(2, 0, 10)];

        var decision = Pruner.Decide(rule, ValLoss, history, new EvalObservation(2, 4, 1));

        // Rung 1: run 2 has only its eval-0 value 10 there, worst of three: stopped before rung 2 is considered.
        Assert.Equal(new PruneDecision(true, "ASHA: best val_loss 10 at rung eval 1 ranks 3 of 3, outside the top 1 (1/2) that go on"), decision);
        Assert.Equal(new PruneDecision(false, "ASHA: eval 3 is not a new rung (rungs at evals 1, 2, 4, 8, 16, 32, …)"),
            Pruner.Decide(rule, ValLoss, history, new EvalObservation(1, 3, 9)));
    }

    [Fact]
    public void DecisionsArePureFunctionsOfTheStoredObservations()
    {
        // A restarted grain re-derives a decision from what it stored, in whatever order it stored it,
        // whether or not the new observation was written before the restart.
        var rule = new EarlyTermination(EarlyTerminateType.Median, MinEvals: 1, MaxEvals: null, Eta: 3, MinRuns: 2);
        var history = Enumerable.Range(0, 3).SelectMany(t => Enumerable.Range(0, 3).Select(e => new EvalObservation(t, e, 10 + t - e))).ToList();
        var latest = new EvalObservation(3, 2, 10.5);

        var first = Pruner.Decide(rule, ValLoss, history, latest);
        var shuffled = Pruner.Decide(rule, ValLoss, history.OrderBy(o => (o.EvalIndex * 7 + o.TrialIndex * 3) % 5).ToList(), latest);
        var afterStoring = Pruner.Decide(rule, ValLoss, [.. history, latest], latest);

        Assert.Equal(new PruneDecision(true, "median rule: best val_loss 10.5 at eval 2 worse than median 9 of 3 runs"), first);
        Assert.Equal(first, shuffled);
        Assert.Equal(first, afterStoring);
    }

    [Fact]
    public void EvalIndexCountsEvaluationIntervalsNotSteps()
    {
        Assert.Equal([0, 1, 2, 2, 3], new[] { 0, 20, 40, 50, 60 }.Select(step => Pruner.EvalIndex(step, 20)));
    }

    [Fact]
    public void ASweepWithoutEarlyTerminateNeverPrunes()
    {
        var sweep = Sweeps.Valid(Sweeps.GridHeader);

        Assert.False(Pruner.Decide(sweep, [new(0, 5, 1.0)], new EvalObservation(1, 5, 99.0)).Prune);
    }

    /// <summary>Feeds each (trial, eval) in order to the pruner, as the sweep grain would, skipping runs once stopped.</summary>
    private static List<(int Trial, int Eval, string Reason)> Simulate(
        EarlyTermination rule, MetricSpec metric, double[][] curves, IEnumerable<(int Trial, int Eval)> order)
    {
        var history = new List<EvalObservation>();
        var stopped = new List<(int Trial, int Eval, string Reason)>();
        foreach (var (trial, eval) in order)
        {
            if (stopped.Any(s => s.Trial == trial))
                continue;
            var observation = new EvalObservation(trial, eval, curves[trial][eval]);
            var decision = Pruner.Decide(rule, metric, history, observation);
            history.Add(observation);
            if (decision.Prune)
                stopped.Add((trial, eval, decision.Reason));
        }
        return stopped;
    }

    private static IEnumerable<(int, int)> Lockstep(double[][] curves) =>
        Enumerable.Range(0, curves[0].Length).SelectMany(e => Enumerable.Range(0, curves.Length).Select(t => (t, e)));

    private static IEnumerable<(int, int)> OneAfterAnother(double[][] curves) =>
        Enumerable.Range(0, curves.Length).SelectMany(t => Enumerable.Range(0, curves[t].Length).Select(e => (t, e)));
}
