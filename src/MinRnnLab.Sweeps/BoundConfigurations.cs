using MinRnnLab.Config;

namespace MinRnnLab.Sweeps;

/// <summary>
/// Each configuration's typed config, bound from the sweep file's values once. A sweep grain asks for the same
/// configurations again and again (the plan of upcoming trials on every page read, the next trials whenever a slot
/// frees), and binding parses every value of the file; a grain keeps one of these beside its parsed file. Keyed by
/// configuration index, which fixes the parameters: a configuration's seeds share them.
/// </summary>
/// <remarks>Holds at most one config per configuration, and a sweep has at most SweepKeys.MaxTrials of them.</remarks>
public sealed class BoundConfigurations(SweepDefinition sweep)
{
    private readonly Dictionary<int, RunConfig> bound = [];

    public SweepDefinition Sweep { get; } = sweep;

    /// <summary>The config configuration <paramref name="configuration"/> trains with: the sweep's fixed values, then <paramref name="parameters"/>.</summary>
    public RunConfig For(int configuration, IReadOnlyDictionary<string, string> parameters)
    {
        if (!bound.TryGetValue(configuration, out var config))
            bound[configuration] = config = ConfigBinder.Bind(TrialExpander.ValuesFor(Sweep, parameters));
        return config;
    }
}
