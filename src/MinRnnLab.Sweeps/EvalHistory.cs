namespace MinRnnLab.Sweeps;

/// <summary>
/// A sweep's evaluations of its metric, reduced to what early termination and TPE read: per trial its best so
/// far at each evaluation, and per evaluation the rule judges a leaderboard (sorted) of the best so far of every
/// trial that reached it. Recording one evaluation touches one leaderboard entry, and a decision reads a few
/// entries by binary search, so a 10,000-trial sweep decides as fast as a 10-trial one.
/// A pure function of the set of evaluations recorded (in any order): the sweep grain keeps it in memory only
/// and rebuilds it from the metrics store after a restart.
/// </summary>
public sealed class EvalHistory(MetricSpec metric, EarlyTermination? rule)
{
    private readonly Dictionary<int, TrialCurve> trials = [];
    private readonly Dictionary<int, List<double>> leaderboards = [];                    // judged eval → ascending finite values

    public MetricSpec Metric { get; } = metric;

    /// <summary>Adds one evaluation of one trial; an evaluation seen again (a resumed run) counts as another value.</summary>
    public void Record(EvalObservation observation)
    {
        if (!trials.TryGetValue(observation.TrialIndex, out var curve))
            trials[observation.TrialIndex] = curve = new TrialCurve(Metric.Goal);
        // Evaluations whose best-so-far may change: from this one on, and the ones it newly reaches.
        var from = Math.Min(observation.EvalIndex, curve.LastEval + 1);
        var to = Math.Max(observation.EvalIndex, curve.LastEval);
        var judged = Enumerable.Range(from, to - from + 1).Where(IsJudged).ToList();
        var before = judged.Select(curve.LeaderboardEntry).ToList();
        curve.Add(observation);
        for (var i = 0; i < judged.Count; i++)
        {
            var after = curve.LeaderboardEntry(judged[i]);
            if (before[i] == after)
                continue;
            var board = leaderboards.TryGetValue(judged[i], out var b) ? b : leaderboards[judged[i]] = [];
            if (before[i] is { } old)
                board.RemoveAt(LowerBound(board, old));
            if (after is { } value)
                board.Insert(LowerBound(board, value), value);
        }
    }

    /// <summary>TPE's objective for a trial: its best value, NaN when it has none (LINQ's Min/Max over its values).</summary>
    public double Objective(int trialIndex) => trials.TryGetValue(trialIndex, out var curve) ? curve.Objective : double.NaN;

    /// <summary>Whether the trial that reports <paramref name="latest"/> (not yet recorded) should stop; see Pruner.Decide.</summary>
    public PruneDecision Decide(EvalObservation latest) => rule?.Type switch
    {
        null => new PruneDecision(false, "no early_terminate rule"),
        EarlyTerminateType.Median => MedianRule.Decide(rule, Metric, new Judgement(this, latest)),
        EarlyTerminateType.Asha => AshaRule.Decide(rule, Metric, new Judgement(this, latest)),
        _ => PatienceRule.Decide(rule, Metric, new Judgement(this, latest)),
    };

    // Patience judges each run by itself: it needs no leaderboards.
    private bool IsJudged(int eval) => rule switch
    {
        null or { Type: EarlyTerminateType.Patience } => false,
        { Type: EarlyTerminateType.Median } => eval >= rule.MinEvals,
        _ => IsRung(rule, eval),
    };

    private static bool IsRung(EarlyTermination rule, int eval)
    {
        if (eval >= (rule.MaxEvals ?? int.MaxValue))
            return false;
        long rung = rule.MinEvals;
        while (rung < eval)
            rung *= rule.Eta;
        return rung == eval;
    }

    /// <summary>First index whose value is not below <paramref name="value"/>.</summary>
    private static int LowerBound(List<double> sorted, double value)
    {
        var (low, high) = (0, sorted.Count);
        while (low < high)
        {
            var mid = (low + high) / 2;
            (low, high) = sorted[mid] < value ? (mid + 1, high) : (low, mid);
        }
        return low;
    }

    /// <summary>First index whose value is above <paramref name="value"/>.</summary>
    private static int UpperBound(List<double> sorted, double value)
    {
        var (low, high) = (0, sorted.Count);
        while (low < high)
        {
            var mid = (low + high) / 2;
            (low, high) = sorted[mid] <= value ? (mid + 1, high) : (low, mid);
        }
        return low;
    }

    /// <summary>
    /// The view one decision takes: the judged trial's own evaluations before latest's, plus latest, against every
    /// other trial's recorded evaluations. The judged trial's own entries on the leaderboards are left out.
    /// </summary>
    internal readonly struct Judgement(EvalHistory history, EvalObservation latest)
    {
        private readonly TrialCurve? own = history.trials.GetValueOrDefault(latest.TrialIndex);

        public EvalObservation Latest => latest;

        /// <summary>The last evaluation the trial reported before latest's, or -1.</summary>
        public int PreviousEval => own?.LastObservedBefore(latest.EvalIndex) ?? -1;

        /// <summary>The trial's own evaluations before latest's, ascending (TrialCurve.ObservedBefore).</summary>
        public IEnumerable<EvalObservation> OwnBefore => own?.ObservedBefore(latest.EvalIndex) ?? [];

        /// <summary>The trial's best over its evaluations before latest's up to <paramref name="eval"/>, and latest if within it.</summary>
        public double? OwnBestUpTo(int eval)
        {
            var before = own?.BestUpTo(Math.Min(eval, latest.EvalIndex - 1));
            if (eval < latest.EvalIndex || !double.IsFinite(latest.Value))
                return before;
            return before is { } b && history.Worse(latest.Value, b) ? b : latest.Value;
        }

        /// <summary>How many other trials reached <paramref name="eval"/> with a finite best up to it.</summary>
        public int OthersAt(int eval) => Board(eval).Count - (OwnEntry(eval) is null ? 0 : 1);

        /// <summary>The <paramref name="k"/>-th smallest (0-based) of the other trials' bests up to <paramref name="eval"/>.</summary>
        public double OtherAt(int eval, int k)
        {
            var board = Board(eval);
            if (OwnEntry(eval) is not { } mine)
                return board[k];
            var skipped = LowerBound(board, mine);
            return k < skipped ? board[k] : board[k + 1];
        }

        /// <summary>How many other trials' bests up to <paramref name="eval"/> are strictly better than <paramref name="value"/>.</summary>
        public int OthersBetterThan(int eval, double value)
        {
            if (double.IsNaN(value))
                return 0;
            var board = Board(eval);
            var maximize = history.Metric.Goal == MetricGoal.Maximize;
            var better = maximize ? board.Count - UpperBound(board, value) : LowerBound(board, value);
            var mineIsBetter = OwnEntry(eval) is { } mine && (maximize ? mine > value : mine < value);
            return better - (mineIsBetter ? 1 : 0);
        }

        public bool Worse(double a, double b) => history.Worse(a, b);

        public bool BetterBy(double a, double b, double margin) => history.BetterBy(a, b, margin);

        private List<double> Board(int eval) => history.leaderboards.GetValueOrDefault(eval) ?? [];

        private double? OwnEntry(int eval) => own?.LeaderboardEntry(eval);
    }

    /// <summary>a is strictly worse than b in the metric's direction.</summary>
    private bool Worse(double a, double b) => Metric.Goal == MetricGoal.Minimize ? a > b : a < b;

    /// <summary>a is better than b by more than <paramref name="margin"/> in the metric's direction.</summary>
    internal bool BetterBy(double a, double b, double margin) => Metric.Goal == MetricGoal.Minimize ? a < b - margin : a > b + margin;
}
