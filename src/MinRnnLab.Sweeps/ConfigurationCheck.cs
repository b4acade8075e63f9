using System.Text.RegularExpressions;
using MinRnnLab.Config;
using YamlDotNet.RepresentationModel;

namespace MinRnnLab.Sweeps;

/// <summary>
/// Binds every configuration a sweep will run (a random or bayes sweep: its first RandomConfigurationsChecked
/// random draws, which span the same space TPE later samples) with ConfigBinder, as training would, and checks its
/// memory estimate against the worker's (WorkerMemory), so a combination that cannot train fails now, not hours into the sweep.
/// Each failure is reported once, at the key the ConfigException names.
/// </summary>
internal static partial class ConfigurationCheck
{
    public static void Check(SweepDefinition sweep, YamlNode fallback, BaseSection baseSection, IReadOnlyList<ParsedParameter> parameters,
        long workerMemory, SweepErrors errors)
    {
        var limit = sweep.Method == SearchMethod.Grid ? int.MaxValue : SweepKeys.RandomConfigurationsChecked;
        if (sweep.RunCap is { } cap)
            limit = Math.Min(limit, (cap + sweep.Seeds - 1) / sweep.Seeds);   // configurations that reach a trial
        var failures = new Dictionary<YamlNode, (string Message, int Count)>();
        var checkedCount = 0;
        foreach (var configuration in TrialExpander.Configurations(sweep).Take(limit))
        {
            checkedCount++;
            try
            {
                WorkerMemory.Require(ConfigBinder.Bind(TrialExpander.ValuesFor(sweep, configuration)), workerMemory);
            }
            catch (ConfigException e)
            {
                var at = Locate(e.Message, baseSection, parameters) ?? fallback;
                var (message, count) = failures.GetValueOrDefault(at, (Describe(configuration, e), 0));
                failures[at] = (message, count + 1);
            }
        }
        foreach (var (node, (message, count)) in failures)
            errors.Add(node, count > 1 ? $"{message} ({count} of {checkedCount} configurations fail this way)" : message);
    }

    /// <summary>The node that set the key a ConfigException names: a parameter, a base key, or the preset.</summary>
    private static YamlNode? Locate(string message, BaseSection baseSection, IReadOnlyList<ParsedParameter> parameters)
    {
        if (NamedKey().Match(message) is not { Success: true } match)
            return null;
        var key = match.Groups[1].Value;
        return parameters.FirstOrDefault(p => p.Spec.Key == key)?.Key
            ?? baseSection.Keys.GetValueOrDefault(key)
            ?? (baseSection.Preset is { } preset && Presets.Get(preset).Any(v => v.Key == key) ? baseSection.PresetKey : null);
    }

    private static string Describe(IReadOnlyDictionary<string, string> configuration, ConfigException e) => configuration.Count == 0
        ? $"the base config cannot train: {e.Message}"
        : $"cannot train {string.Join(", ", configuration.Select(p => $"{p.Key}={p.Value}"))}: {e.Message}";

    [GeneratedRegex("config key '([^']+)'")]
    private static partial Regex NamedKey();
}
