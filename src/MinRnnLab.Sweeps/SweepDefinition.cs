using MinRnnLab.Config;

namespace MinRnnLab.Sweeps;

/// <summary>How trials are chosen from the parameter space.</summary>
public enum SearchMethod
{
    /// <summary>Every combination of `values`/`value` parameters, in a fixed order.</summary>
    Grid,
    /// <summary>Independent seeded draws from every parameter, up to run_cap trials.</summary>
    Random,
    /// <summary>
    /// Tree-structured Parzen Estimator (TpeSampler): seeded random draws for the first startup_trials
    /// configurations, then draws steered by finished trials' results, up to run_cap trials.
    /// </summary>
    Bayes,
}

/// <summary>
/// A validated sweep file: what to search, how, and on what budget. Plain data, built only by SweepParser,
/// expanded into trials by TrialExpander.
/// </summary>
/// <param name="Name">Sweep name, as written in the file.</param>
/// <param name="Metric">What a trial is judged by, and the target that defines "steps to target".</param>
/// <param name="Method">Grid, random or bayes search.</param>
/// <param name="SamplerSeed">Seeds the random sampler (the file's top-level `seed`); not a training seed.</param>
/// <param name="Preset">Preset applied before Base, or null.</param>
/// <param name="Base">Fixed config values every trial shares, in file order (ConfigKeys vocabulary).</param>
/// <param name="Parameters">Searched config keys, in file order.</param>
/// <param name="RunCap">Most trials to run; null means the whole grid (random requires it).</param>
/// <param name="Parallel">Trials in flight at once.</param>
/// <param name="Seeds">Training seeds per configuration: trial k trains with the config's seed + k.</param>
/// <param name="MaxRestarts">Times a trial whose worker died is resumed from its checkpoint before it counts as failed.</param>
/// <param name="CheckpointInterval">Steps between checkpoints for every trial; null leaves the config's own.</param>
/// <param name="Bayes">TPE settings (`bayes:`); defaults unless the file sets them, used only by method bayes.</param>
/// <param name="EarlyTerminate">When to stop unpromising runs (`early_terminate:`); null never stops one.</param>
/// <param name="Configurations">An explicit grid (`configurations:`): each entry's config values, in file order; null: the parameters' grid.</param>
/// <param name="SeedRounds">`seed_order: rounds`: every configuration's seed index k runs before any seed index k + 1.</param>
public sealed record SweepDefinition(
    string Name,
    MetricSpec Metric,
    SearchMethod Method,
    int SamplerSeed,
    string? Preset,
    IReadOnlyList<ConfigValue> Base,
    IReadOnlyList<ParameterSpec> Parameters,
    int? RunCap,
    int Parallel,
    int Seeds,
    int MaxRestarts,
    int? CheckpointInterval,
    TpeSettings? Bayes = null,
    EarlyTermination? EarlyTerminate = null,
    IReadOnlyList<IReadOnlyDictionary<string, string>>? Configurations = null,
    bool SeedRounds = false)
{
    /// <summary>Tags the sweep starts with (`tags:`), checked by LabelRules; more can be added once it runs.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Notes the sweep starts with (`notes:`); "" when the file has none.</summary>
    public string Notes { get; init; } = "";

    /// <summary>What checkpoints finished runs keep (`retention:`); both of every run's without one.</summary>
    public Retention Retention { get; init; } = Retention.KeepAll;

    /// <summary>The TPE settings in force: the file's, else the defaults.</summary>
    public TpeSettings Tpe => Bayes ?? TpeSettings.Default;

    /// <summary>Preset values, then Base, then the sweep's checkpoint interval: what every trial starts from.</summary>
    public IEnumerable<ConfigValue> FixedValues()
    {
        var preset = Preset is null ? [] : Presets.Get(Preset);
        var checkpoint = CheckpointInterval is { } k
            ? new[] { new ConfigValue("checkpoint_interval", k.ToString(System.Globalization.CultureInfo.InvariantCulture), "sweep checkpoint_interval") }
            : [];
        return preset.Concat(Base).Concat(checkpoint);
    }
}
