using System.Globalization;

namespace MinRnnLab.Sweeps;

/// <summary>
/// `method: bayes`: a Tree-structured Parzen Estimator (Bergstra et al. 2011), univariate like hyperopt's
/// and Optuna's default. For configuration c:
/// 0. while c &lt; startup_trials (or fewer than two trials have finished), the draw random search makes;
/// 1. rank the finished trials by objective; the best ⌈gamma·n⌉ are good, the rest bad;
/// 2. for arch, then each parameter that applies to the arch chosen (the tree: a `when` parameter learns only
///    from trials that had it), fit l(x) to the good trials' values and g(x) to the bad ones';
/// 3. draw ei_candidates values from l(x) and keep the one with the highest l(x)/g(x), which is where
///    expected improvement is greatest under the TPE model.
/// A pure function of the sweep (its seed and settings), c, and the set of finished trials: a restarted
/// sweep grain asking again gets the same answer.
/// </summary>
public static class TpeSampler
{
    /// <summary>
    /// Parameters for configuration <paramref name="configurationIndex"/> (TrialExpander.ConfigurationIndex),
    /// learning from <paramref name="history"/>, in any order. Turn them into a trial with TrialExpander.Trial.
    /// Its cost grows with ei_candidates × parameters × finished trials: the sweep grain runs it off its turn, under a
    /// budget that <paramref name="cancel"/> enforces (an OperationCanceledException).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Suggest(SweepDefinition sweep, IReadOnlyList<CompletedTrial> history, int configurationIndex,
        CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(configurationIndex);
        var settings = sweep.Tpe;
        var finished = history.Where(t => double.IsFinite(t.Objective)).ToList();
        if (configurationIndex < settings.StartupTrials || finished.Count < 2)
            return RandomDraw(sweep, configurationIndex);

        var (good, bad) = Split(finished, sweep.Metric.Goal, settings.Gamma);
        var random = new Random(SeedFor(sweep.SamplerSeed, configurationIndex));
        var parameters = new Dictionary<string, string>();
        var arch = TrialExpander.Architectures(sweep)[0];
        if (sweep.Parameters.FirstOrDefault(p => p.Key == SweepKeys.Arch) is { } archParameter)
            arch = parameters[SweepKeys.Arch] = Choose(archParameter, good, bad, settings.EiCandidates, random, cancel);
        foreach (var parameter in sweep.Parameters.Where(p => p.Key != SweepKeys.Arch && p.AppliesTo(arch)))
            parameters[parameter.Key] = Choose(parameter, good, bad, settings.EiCandidates, random, cancel);
        return parameters;
    }

    /// <summary>The draw random search makes for configuration <paramref name="configurationIndex"/>: TPE's start, and its fallback.</summary>
    public static IReadOnlyDictionary<string, string> RandomDraw(SweepDefinition sweep, int configurationIndex) =>
        RandomSearch.Configurations(sweep).ElementAt(configurationIndex);

    /// <summary>Best first (ties by index, so the split is independent of history order); at least one trial on each side.</summary>
    private static (List<CompletedTrial> Good, List<CompletedTrial> Bad) Split(List<CompletedTrial> finished, MetricGoal goal, double gamma)
    {
        var sign = goal == MetricGoal.Maximize ? -1.0 : 1.0;
        var ranked = finished.OrderBy(t => sign * t.Objective).ThenBy(t => t.Index).ToList();
        var goodCount = Math.Clamp((int)Math.Ceiling(gamma * ranked.Count), 1, ranked.Count - 1);
        return (ranked.Take(goodCount).ToList(), ranked.Skip(goodCount).ToList());
    }

    private static string Choose(ParameterSpec parameter, List<CompletedTrial> good, List<CompletedTrial> bad, int candidates, Random random,
        CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        return parameter.Kind switch
        {
            ParameterKind.Constant => parameter.Values[0],
            ParameterKind.Values => parameter.Values[ChooseIndex(parameter, good, bad, candidates, random, cancel)],
            _ => ChooseNumber(parameter, good, bad, candidates, random, cancel),
        };
    }

    // Checked every this many candidates: often enough to stop within milliseconds, rarely enough to cost nothing.
    private const int CandidatesBetweenChecks = 256;

    /// <summary>A `values` list is categorical: l and g are smoothed frequencies (one pseudo-count spread over the values).</summary>
    private static int ChooseIndex(ParameterSpec parameter, List<CompletedTrial> good, List<CompletedTrial> bad, int candidates, Random random,
        CancellationToken cancel)
    {
        var l = Frequencies(parameter, good);
        var g = Frequencies(parameter, bad);
        var (best, bestScore) = (0, double.NegativeInfinity);
        for (var i = 0; i < candidates; i++)
        {
            if (i % CandidatesBetweenChecks == 0)
                cancel.ThrowIfCancellationRequested();
            var u = random.NextDouble();
            var c = 0;
            for (var acc = l[0]; acc <= u && c < l.Length - 1; acc += l[++c]) { }
            var score = Math.Log(l[c]) - Math.Log(g[c]);
            if (score > bestScore)
                (best, bestScore) = (c, score);
        }
        return best;
    }

    private static double[] Frequencies(ParameterSpec parameter, List<CompletedTrial> trials)
    {
        var counts = Enumerable.Repeat(1.0 / parameter.Values.Count, parameter.Values.Count).ToArray();
        foreach (var trial in trials)
        {
            if (trial.Parameters.TryGetValue(parameter.Key, out var text) && IndexOf(parameter, text) is { } i)
                counts[i]++;
        }
        var total = counts.Sum();
        return counts.Select(c => c / total).ToArray();
    }

    private static int? IndexOf(ParameterSpec parameter, string text)
    {
        for (var i = 0; i < parameter.Values.Count; i++)
        {
            var value = parameter.Values[i];
            if (string.Equals(value, text, StringComparison.OrdinalIgnoreCase)
                || (YamlNodes.IsNumber(value, out var a) && YamlNodes.IsNumber(text, out var b) && a == b))
                return i;
        }
        return null;
    }

    /// <summary>Distributions are fitted where they are uniform: ln x for log_uniform, x ± 0.5 around each integer for int_uniform.</summary>
    private static string ChooseNumber(ParameterSpec parameter, List<CompletedTrial> good, List<CompletedTrial> bad, int candidates, Random random,
        CancellationToken cancel)
    {
        var (low, high) = parameter.Kind switch
        {
            ParameterKind.LogUniform => (Math.Log(parameter.Min), Math.Log(parameter.Max)),
            ParameterKind.IntUniform => (parameter.Min - 0.5, parameter.Max + 0.5),
            _ => (parameter.Min, parameter.Max),
        };
        var l = new ParzenEstimator(Points(parameter, good, low, high), low, high);
        var g = new ParzenEstimator(Points(parameter, bad, low, high), low, high);
        var (best, bestScore) = (0.0, double.NegativeInfinity);
        for (var i = 0; i < candidates; i++)
        {
            if (i % CandidatesBetweenChecks == 0)
                cancel.ThrowIfCancellationRequested();
            var x = l.Sample(random);
            if (parameter.Kind == ParameterKind.IntUniform)
                x = Math.Clamp(Math.Round(x), parameter.Min, parameter.Max);   // score the integer that will run
            var score = l.LogDensity(x) - g.LogDensity(x);
            if (score > bestScore)
                (best, bestScore) = (x, score);
        }
        return parameter.Kind switch
        {
            ParameterKind.LogUniform => RandomSearch.Format(Math.Exp(best)),
            ParameterKind.IntUniform => ((long)best).ToString(CultureInfo.InvariantCulture),
            _ => RandomSearch.Format(best),
        };
    }

    /// <summary>Trials' values in the fitting space; values outside the bounds (an edited file) are ignored.</summary>
    private static IEnumerable<double> Points(ParameterSpec parameter, List<CompletedTrial> trials, double low, double high)
    {
        foreach (var trial in trials)
        {
            if (!trial.Parameters.TryGetValue(parameter.Key, out var text) || !YamlNodes.IsNumber(text, out var value))
                continue;
            if (parameter.Kind == ParameterKind.LogUniform)
                value = value > 0 ? Math.Log(value) : double.NaN;
            if (value >= low && value <= high)
                yield return value;
        }
    }

    /// <summary>SplitMix64's mixer over (sweep seed, configuration): independent, stable streams per configuration.</summary>
    private static int SeedFor(int samplerSeed, int configurationIndex)
    {
        var z = (((ulong)(uint)samplerSeed << 32) | (uint)configurationIndex) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }
}
