namespace MinRnnLab.Sweeps.Tests;

/// <summary>
/// The sweep grain decides incrementally from an EvalHistory instead of rescanning every stored observation.
/// On random histories — skipped, repeated and out-of-order evaluations, NaN and infinite values, both goals —
/// its decisions and TPE objectives must equal the rescanning rules they replaced (kept here as the reference).
/// </summary>
public class EvalHistoryTests
{
    public static TheoryData<EarlyTerminateType, MetricGoal, int> Cases() => new()
    {
        { EarlyTerminateType.Median, MetricGoal.Minimize, 1 },
        { EarlyTerminateType.Median, MetricGoal.Maximize, 2 },
        { EarlyTerminateType.Asha, MetricGoal.Minimize, 3 },
        { EarlyTerminateType.Asha, MetricGoal.Maximize, 4 },
        { EarlyTerminateType.Patience, MetricGoal.Minimize, 5 },
        { EarlyTerminateType.Patience, MetricGoal.Maximize, 6 },
    };

    [Theory, MemberData(nameof(Cases))]
    public void IncrementalDecisionsEqualRescanningEveryObservation(EarlyTerminateType type, MetricGoal goal, int seed)
    {
        var random = new Random(seed);
        var metric = new MetricSpec("val_loss", goal, null);
        var rule = new EarlyTermination(type, MinEvals: 1 + random.Next(2), MaxEvals: type == EarlyTerminateType.Asha ? 20 : null, Eta: 2, MinRuns: 2,
            PatienceEvals: 3, MinDelta: 1);
        var history = new EvalHistory(metric, rule);
        var stored = new List<EvalObservation>();
        var lastEval = new Dictionary<int, int>();
        var (pruned, judged) = (0, 0);
        for (var i = 0; i < 3000; i++)
        {
            var trial = random.Next(12);
            var previous = lastEval.GetValueOrDefault(trial, -1);
            // Mostly the next evaluation; sometimes a skip, a repeat (resumed run) or an earlier one.
            var eval = random.Next(10) switch { < 6 => previous + 1, 6 => previous + 3, 7 => Math.Max(0, previous), _ => random.Next(previous + 2) };
            var value = random.Next(40) switch { 0 => double.NaN, 1 => double.PositiveInfinity, _ => random.Next(30) };
            var latest = new EvalObservation(trial, eval, value);

            var expected = ReferenceDecide(rule, metric, stored, latest);
            Assert.Equal(expected, history.Decide(latest));

            history.Record(latest);
            stored.Add(latest);
            lastEval[trial] = Math.Max(previous, eval);
            var wasJudged = expected.Reason.Contains("rank") || expected.Reason.Contains("median ") || expected.Reason.Contains("evaluations since");
            (pruned, judged) = (pruned + (expected.Prune ? 1 : 0), judged + (wasJudged ? 1 : 0));
        }
        Assert.InRange(pruned, 20, 2980);                                               // the comparison covered both outcomes
        Assert.InRange(judged, 50, 3000);
        foreach (var trial in Enumerable.Range(0, 12))
        {
            var values = stored.Where(o => o.TrialIndex == trial).Select(o => o.Value).ToList();
            var objective = values.Count == 0 ? double.NaN : goal == MetricGoal.Minimize ? values.Min() : values.Max();
            Assert.Equal(objective, history.Objective(trial));
        }
    }

    [Fact]
    public void ATrialWithNoEvaluationsHasNoObjective()
    {
        Assert.True(double.IsNaN(new EvalHistory(new MetricSpec("val_loss", MetricGoal.Minimize, null), null).Objective(3)));
    }

    /// <summary>The rules as they were: every decision rescans every stored observation.</summary>
    private static PruneDecision ReferenceDecide(EarlyTermination rule, MetricSpec metric, List<EvalObservation> history, EvalObservation latest)
    {
        var before = history.Where(o => o.TrialIndex != latest.TrialIndex || o.EvalIndex < latest.EvalIndex).Append(latest).ToList();
        var previousEval = before.Where(o => o.TrialIndex == latest.TrialIndex && o != latest).Select(o => o.EvalIndex).DefaultIfEmpty(-1).Max();
        var byTrial = before.ToLookup(o => o.TrialIndex);
        bool Worse(double a, double b) => metric.Goal == MetricGoal.Minimize ? a > b : a < b;
        bool Reached(int trial, int eval) => byTrial[trial].Any(o => o.EvalIndex >= eval);
        double? BestUpTo(int trial, int eval)
        {
            var values = byTrial[trial].Where(o => o.EvalIndex <= eval && double.IsFinite(o.Value)).Select(o => o.Value).ToList();
            return values.Count == 0 ? null : metric.Goal == MetricGoal.Minimize ? values.Min() : values.Max();
        }
        List<double> Others(int eval) => byTrial.Select(g => g.Key)
            .Where(t => t != latest.TrialIndex && Reached(t, eval)).Select(t => BestUpTo(t, eval)).OfType<double>().ToList();
        static string N(double v) => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);

        if (rule.Type == EarlyTerminateType.Patience)
            return ReferencePatience(rule, metric, history, latest);
        if (rule.Type == EarlyTerminateType.Median)
        {
            var eval = latest.EvalIndex;
            if (eval < rule.MinEvals)
                return new PruneDecision(false, $"median rule: not judged before eval {rule.MinEvals} (min_evals)");
            if (BestUpTo(latest.TrialIndex, eval) is not { } own)
                return new PruneDecision(true, $"median rule: {metric.Name} has no finite value up to eval {eval}");
            var others = Others(eval).Order().ToList();
            if (others.Count < rule.MinRuns)
                return new PruneDecision(false, $"median rule: {others.Count} other run(s) reached eval {eval}, fewer than min_runs {rule.MinRuns}");
            var mid = others.Count / 2;
            var median = others.Count % 2 == 1 ? others[mid] : (others[mid - 1] + others[mid]) / 2;
            var worse = Worse(own, median);
            return new PruneDecision(worse, $"median rule: best {metric.Name} {N(own)} at eval {eval} {(worse ? "worse than" : "no worse than")} median {N(median)} of {others.Count} runs");
        }
        var rungs = rule.Rungs().ToList();
        var crossed = rungs.Where(r => previousEval < r && r <= latest.EvalIndex).ToList();
        if (crossed.Count == 0)
            return new PruneDecision(false, $"ASHA: eval {latest.EvalIndex} is not a new rung (rungs at evals {string.Join(", ", rungs.Take(6))}{(rungs.Count > 6 ? ", …" : "")})");
        var reason = "";
        foreach (var rung in crossed)
        {
            var own = BestUpTo(latest.TrialIndex, rung) ?? latest.Value;
            var rivals = Others(rung);
            var (count, keep) = (rivals.Count + 1, Math.Max(1, (rivals.Count + 1) / rule.Eta));
            var rank = 1 + rivals.Count(v => Worse(own, v));
            var goesOn = rank <= keep && double.IsFinite(own);
            reason = $"ASHA: best {metric.Name} {N(own)} at rung eval {rung} ranks {rank} of {count}, {(goesOn ? "within" : "outside")} the top {keep} (1/{rule.Eta}) that go on";
            if (!goesOn)
                return new PruneDecision(true, reason);
        }
        return new PruneDecision(false, reason);
    }

    /// <summary>Patience by rescanning: the trial's own evaluations before latest's (the better of a repeated one), then latest.</summary>
    private static PruneDecision ReferencePatience(EarlyTermination rule, MetricSpec metric, List<EvalObservation> history, EvalObservation latest)
    {
        var minimize = metric.Goal == MetricGoal.Minimize;
        var own = history.Where(o => o.TrialIndex == latest.TrialIndex && o.EvalIndex < latest.EvalIndex).GroupBy(o => o.EvalIndex).OrderBy(g => g.Key)
            .Select(g => g.Where(o => double.IsFinite(o.Value)).OrderBy(o => minimize ? o.Value : -o.Value).FirstOrDefault())
            .OfType<EvalObservation>().Append(latest).Where(o => double.IsFinite(o.Value));
        EvalObservation? best = null;
        foreach (var o in own)
            if (best is null || (minimize ? o.Value < best.Value - rule.MinDelta : o.Value > best.Value + rule.MinDelta))
                best = o;
        static string N(double v) => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
        if (best is null)
            return new PruneDecision(false, $"patience: no finite {metric.Name} up to eval {latest.EvalIndex}");
        var since = latest.EvalIndex - best.EvalIndex;
        return since < rule.PatienceEvals
            ? new PruneDecision(false, $"patience: best {metric.Name} {N(best.Value)} at eval {best.EvalIndex}, {since} of {rule.PatienceEvals} evaluations since")
            : new PruneDecision(true, $"stopped by patience at eval {latest.EvalIndex}, best at eval {best.EvalIndex}: {metric.Name} {N(best.Value)} " +
                $"not improved by more than min_delta {N(rule.MinDelta)} in {since} evaluations", Finished: true);
    }
}
