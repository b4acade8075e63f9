using MinRnnLab.Config;

namespace MinRnnLab.Sweeps;

/// <summary>
/// Turns a sweep into trials, lazily and always in the same order: each configuration (GridSearch or
/// RandomSearch) runs once per seed, its seeds adjacent, until run_cap trials; with `seed_order: rounds` (grid
/// only) every configuration's seed index 0 comes first, then every seed index 1, and so on.
/// A bayes sweep's configurations depend on results: its runner asks TpeSampler.Suggest for each one and
/// makes the trials with Trial. Expand, which knows no results, shows a bayes sweep as TPE with an empty
/// history draws it: the random sweep with the same seed (what `validate` previews).
/// </summary>
public static class TrialExpander
{
    /// <summary>Source recorded on searched values, so a bind error says where the value came from.</summary>
    public const string ParameterSource = "sweep parameters";

    /// <summary>Trials from index <paramref name="from"/> on; earlier configurations are skipped without being bound.</summary>
    public static IEnumerable<TrialSpec> Expand(SweepDefinition sweep, int from = 0) => Expand(new BoundConfigurations(sweep), from);

    /// <summary>As <see cref="Expand(SweepDefinition, int)"/>, binding each configuration once across calls through <paramref name="bound"/>.</summary>
    public static IEnumerable<TrialSpec> Expand(BoundConfigurations bound, int from = 0)
    {
        var sweep = bound.Sweep;
        if (sweep.Method != SearchMethod.Grid && sweep.RunCap is null)
            throw new ArgumentException($"a {sweep.Method.ToConfigName()} sweep needs run_cap", nameof(sweep));
        return sweep.SeedRounds ? ExpandInRounds(bound, from) : ExpandAdjacent(bound, from);
    }

    /// <summary>How many trials Expand yields, without expanding (saturates at long.MaxValue).</summary>
    public static long Count(SweepDefinition sweep)
    {
        var all = sweep.Method == SearchMethod.Grid ? SaturatingMultiply(GridSearch.Count(sweep), sweep.Seeds) : long.MaxValue;
        return Math.Min(all, sweep.RunCap ?? long.MaxValue);
    }

    /// <summary>What a configuration binds: the sweep's fixed values, then its parameters (later wins).</summary>
    public static IEnumerable<ConfigValue> ValuesFor(SweepDefinition sweep, IReadOnlyDictionary<string, string> parameters) =>
        sweep.FixedValues().Concat(parameters.Select(p => new ConfigValue(p.Key, p.Value, ParameterSource)));

    /// <summary>
    /// Which configuration trial <paramref name="trialIndex"/> trains: a configuration's seeds are adjacent trials,
    /// or with `seed_order: rounds` one trial of each configuration per round.
    /// </summary>
    public static int ConfigurationIndex(SweepDefinition sweep, int trialIndex) =>
        sweep.SeedRounds ? (int)(trialIndex % GridSearch.Count(sweep)) : trialIndex / sweep.Seeds;

    /// <summary>The seed index trial <paramref name="trialIndex"/> trains with.</summary>
    public static int SeedIndex(SweepDefinition sweep, int trialIndex) =>
        sweep.SeedRounds ? (int)(trialIndex / GridSearch.Count(sweep)) : trialIndex % sweep.Seeds;

    /// <summary>
    /// Trial <paramref name="index"/>, trained with <paramref name="parameters"/> (from TpeSampler.Suggest) and
    /// seed index index % seeds. A configuration's seeds must share its parameters: suggest once, for seed
    /// index 0, store them, and reuse them for the other seeds.
    /// </summary>
    public static TrialSpec Trial(SweepDefinition sweep, int index, IReadOnlyDictionary<string, string> parameters) =>
        Trial(new BoundConfigurations(sweep), index, parameters);

    /// <summary>As <see cref="Trial(SweepDefinition, int, IReadOnlyDictionary{string, string})"/>, binding through <paramref name="bound"/>.</summary>
    public static TrialSpec Trial(BoundConfigurations bound, int index, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var sweep = bound.Sweep;
        return Seeded(bound.For(ConfigurationIndex(sweep, index), parameters), index, SeedIndex(sweep, index), parameters);
    }

    /// <summary>Parameter sets in trial order, each once (seeds not repeated); infinite for random search.</summary>
    internal static IEnumerable<IReadOnlyDictionary<string, string>> Configurations(SweepDefinition sweep) =>
        sweep.Method == SearchMethod.Grid ? GridSearch.Configurations(sweep) : RandomSearch.Configurations(sweep);

    /// <summary>
    /// Architectures the sweep's trials can have, in order: the arch parameter's values, else the arch fixed by
    /// base or preset, else the config default. `when` conditions are matched against these.
    /// </summary>
    public static IReadOnlyList<string> Architectures(SweepDefinition sweep)
    {
        if (sweep.Parameters.FirstOrDefault(p => p.Key == SweepKeys.Arch) is { } arch)
            return arch.Values;
        var fixedArch = sweep.FixedValues().LastOrDefault(v => v.Key == SweepKeys.Arch)?.Value;
        var fallback = fixedArch is null ? new ModelConfig().Arch.ToConfigName() : ArchitectureNames.Parse(fixedArch).ToConfigName();
        return sweep.Configurations is { } listed
            ? listed.Select(c => c.TryGetValue(SweepKeys.Arch, out var a) ? a : fallback).Distinct().ToArray()
            : [fallback];
    }

    // Round k trains every configuration with seed index k: a sweep stopped early still covers every configuration.
    private static IEnumerable<TrialSpec> ExpandInRounds(BoundConfigurations bound, int from)
    {
        var sweep = bound.Sweep;
        var configurations = GridSearch.Configurations(sweep).ToList();
        var count = Math.Min(Count(sweep), (long)configurations.Count * sweep.Seeds);
        for (var index = from; index < count; index++)
        {
            var c = ConfigurationIndex(sweep, index);
            yield return Seeded(bound.For(c, configurations[c]), index, SeedIndex(sweep, index), configurations[c]);
        }
    }

    private static IEnumerable<TrialSpec> ExpandAdjacent(BoundConfigurations bound, int from)
    {
        var sweep = bound.Sweep;
        var (index, configuration) = (0, 0);
        foreach (var parameters in Configurations(sweep))
        {
            if (index >= sweep.RunCap)
                yield break;
            if (index + sweep.Seeds <= from)
            {
                index += sweep.Seeds;                                                   // all its seeds come before `from`
                configuration++;
                continue;
            }
            var config = bound.For(configuration++, parameters);
            for (var k = 0; k < sweep.Seeds; k++)
            {
                if (index >= sweep.RunCap)
                    yield break;
                if (index < from)
                {
                    index++;
                    continue;
                }
                yield return Seeded(config, index++, k, parameters);
            }
        }
    }

    private static TrialSpec Seeded(RunConfig config, int index, int seedIndex, IReadOnlyDictionary<string, string> parameters)
    {
        var seed = config.Train.Seed + seedIndex;
        return new TrialSpec(index, parameters, seedIndex, seed, config with { Train = config.Train with { Seed = seed } });
    }

    internal static long SaturatingMultiply(long a, long b) =>
        a == 0 || b == 0 ? 0 : a > long.MaxValue / b ? long.MaxValue : a * b;
}
