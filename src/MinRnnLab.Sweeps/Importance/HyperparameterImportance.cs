namespace MinRnnLab.Sweeps.Importance;

/// <summary>One parameter's importance: its mean share of the explained variance over the forests, and their standard deviation.</summary>
public sealed record ParameterImportance(string Key, AxisScale Scale, double Importance, double Spread);

/// <summary>
/// What fANOVA says of a sweep. Parameters is empty, and Reason says why, when there is too little to learn from:
/// fewer than <see cref="HyperparameterImportance.MinimumTrials"/> finished trials, or no searched parameter that
/// varies across all of them. Left names the searched parameters not analysed, with why.
/// </summary>
public sealed record ImportanceReport(int Trials, IReadOnlyList<ParameterImportance> Parameters, IReadOnlyList<string> Left, string? Reason)
{
    public bool HasResult => Parameters.Count > 0;
}

/// <summary>
/// Hyperparameter importance as optuna-dashboard shows it (Optuna's FanovaImportanceEvaluator): a random forest fitted
/// to the finished trials' objectives, its functional ANOVA (<see cref="FunctionalAnova"/>), each parameter's main-effect
/// share averaged over the trees and normalised to sum to 1 over the parameters. Repeated for a few forest seeds; the
/// spread is their standard deviation, so a bar shorter than its spread is noise.
/// The objective is the trial's best metric; whether the sweep minimises or maximises it does not change which
/// parameters move it, so the goal plays no part. A parameter that applies only to some architectures (`when`) is left
/// out, as Optuna leaves out what is not in every trial's search space: its absence is the arch's effect.
/// </summary>
public static class HyperparameterImportance
{
    /// <summary>
    /// Below this many finished trials the page shows no bars: a forest of 4 or 5 points splits on whichever parameter
    /// happens to separate them, and the seeds' spread would be as large as the bars. 8 is the least at which the
    /// synthetic tests' one-parameter objective ranks first for every seed we tried.
    /// </summary>
    public const int MinimumTrials = 8;

    /// <summary>Trees per forest: Optuna's default (64).</summary>
    public const int TreesPerForest = 64;

    /// <summary>Forests, each with its own seed: enough for a spread, few enough to compute on a page open.</summary>
    public const int ForestSeeds = 5;

    /// <summary>
    /// Importance of the sweep's searched parameters over <paramref name="trials"/> (finished ones: a NaN or infinite
    /// objective is left out). Throws ArgumentException, naming the trial and key, for a value off its parameter's axis.
    /// </summary>
    public static ImportanceReport Evaluate(SweepDefinition sweep, IReadOnlyList<CompletedTrial> trials, int forestSeeds = ForestSeeds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(forestSeeds, 1);
        var finished = trials.Where(t => double.IsFinite(t.Objective)).OrderBy(t => t.Index).ToList();
        var axes = ParameterAxis.ForSweep(sweep);
        var left = sweep.Parameters.Select(p => p.Key).Distinct().Where(k => axes.All(a => a.Key != k))
            .Select(k => $"{k}: takes one value").ToList();
        left.AddRange(axes.Where(a => finished.Any(t => !t.Parameters.ContainsKey(a.Key))).Select(a => $"{a.Key}: not set in every trial (a `when` parameter)"));
        axes = axes.Where(a => finished.All(t => t.Parameters.ContainsKey(a.Key))).ToList();
        if (finished.Count < MinimumTrials)
            return new ImportanceReport(finished.Count, [], left,
                $"{finished.Count} finished trial{(finished.Count == 1 ? "" : "s")} with a result; importance needs at least {MinimumTrials}");
        if (axes.Count == 0)
            return new ImportanceReport(finished.Count, [], left, "no searched parameter varies across every finished trial");

        var x = finished.Select(t => axes.Select(a => Encode(a, t)).ToArray()).ToArray();
        var y = finished.Select(t => t.Objective).ToArray();
        var perSeed = Enumerable.Range(0, forestSeeds).Select(seed => ForestShares(axes, x, y, seed)).ToList();
        var importances = axes.Select((a, j) =>
        {
            var values = perSeed.Select(s => s[j]).ToArray();
            var mean = values.Average();
            var spread = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, values.Length - 1));
            return new ParameterImportance(a.Key, a.Scale, mean, spread);
        }).OrderByDescending(p => p.Importance).ToList();
        return new ImportanceReport(finished.Count, importances, left, null);
    }

    /// <summary>Normalised main-effect shares of one forest; all zero when no tree has any variance (a flat objective).</summary>
    internal static double[] ForestShares(IReadOnlyList<ParameterAxis> axes, double[][] x, double[] y, int seed)
    {
        var forest = RandomForest.Grow(axes, x, y, TreesPerForest, seed);
        var trees = forest.Trees.Select(t => FunctionalAnova.MainEffectShares(t, axes)).OfType<double[]>().ToList();
        var shares = new double[axes.Count];
        if (trees.Count == 0)
            return shares;
        for (var j = 0; j < shares.Length; j++)
            shares[j] = trees.Average(t => t[j]);
        var total = shares.Sum();
        return total <= 0 ? shares : shares.Select(s => s / total).ToArray();
    }

    private static double Encode(ParameterAxis axis, CompletedTrial trial)
    {
        try
        {
            return axis.Encode(trial.Parameters[axis.Key]);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"trial {trial.Index}: {e.Message}", e);
        }
    }
}
