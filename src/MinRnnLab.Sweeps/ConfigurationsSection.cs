using MinRnnLab.Config;
using YamlDotNet.RepresentationModel;

namespace MinRnnLab.Sweeps;

/// <summary>
/// `configurations:` — the grid written out as a list, each entry a flat mapping of config keys applied over
/// `base:`. For comparisons a cartesian product cannot express: a few named variants (one factor changed at a
/// time, or four changed together) rather than every combination. And `seed_order`, which goes with it.
/// </summary>
internal static class ConfigurationsSection
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>>? Read(string file, YamlNode node, SweepErrors errors)
    {
        if (node is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            errors.Add(node, "configurations: expected a non-empty list of config mappings, e.g. - {arch: mingru, block: gated}");
            return null;
        }
        var configurations = new List<IReadOnlyDictionary<string, string>>();
        foreach (var item in list.Children)
        {
            var entry = BaseSection.Read(file, item, errors, "configurations");
            if (entry.PresetKey is { } presetKey)
                errors.Add(presetKey, "configurations: a preset applies to every trial; put it under base:");
            var configuration = entry.Values.ToDictionary(v => v.Key,
                v => v.Key == SweepKeys.Arch ? ArchitectureNames.Parse(v.Value).ToConfigName() : v.Value);
            if (configurations.Any(c => c.Count == configuration.Count && !c.Except(configuration).Any()))
                errors.Add(item, "configurations: this entry repeats an earlier one");
            configurations.Add(configuration);
        }
        return configurations;
    }

    /// <summary>`seed_order: adjacent` (the default) or `rounds`; true for rounds.</summary>
    public static bool ReadSeedOrder(YamlNode node, SweepErrors errors)
    {
        if (YamlNodes.TryText(node, errors, "seed_order", out var text) && SweepKeys.SeedOrders.Contains(text))
            return text == "rounds";
        if (node is YamlScalarNode)
            errors.Add(node, SweepKeys.UnknownWord("seed_order", text, SweepKeys.SeedOrders));
        return false;
    }

    /// <summary>`configurations` replaces `parameters`; it and `seed_order: rounds` need a grid (finite, results-independent).</summary>
    public static void CheckCombinations(Dictionary<string, (YamlNode Key, YamlNode Value)> nodes, SearchMethod? method, SweepErrors errors)
    {
        if (nodes.TryGetValue("configurations", out var listed))
        {
            if (nodes.ContainsKey("parameters"))
                errors.Add(listed.Key, "configurations and parameters are two ways to write the grid: use one");
            if (method is not null and not SearchMethod.Grid)
                errors.Add(listed.Key, "configurations needs method: grid (it lists the grid)");
        }
        if (nodes.TryGetValue("seed_order", out var order) && order.Value is YamlScalarNode { Value: "rounds" } && method is not null and not SearchMethod.Grid)
            errors.Add(order.Key, "seed_order needs method: grid (random and bayes sweeps keep a configuration's seeds adjacent)");
    }
}
