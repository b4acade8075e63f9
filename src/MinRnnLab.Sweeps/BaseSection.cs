using MinRnnLab.Config;
using YamlDotNet.RepresentationModel;

namespace MinRnnLab.Sweeps;

/// <summary>The fixed part of a sweep: `base:` values every trial shares, and the key nodes that set them.</summary>
internal sealed record BaseSection(string? Preset, YamlNode? PresetKey, IReadOnlyList<ConfigValue> Values, IReadOnlyDictionary<string, YamlNode> Keys)
{
    public static BaseSection Empty { get; } = new(null, null, [], new Dictionary<string, YamlNode>());

    /// <summary>
    /// Reads `base:` — a flat mapping of config keys (as `minrnn train --config` reads) plus an optional `preset`;
    /// also each entry of `configurations:`, named by <paramref name="section"/> in errors.
    /// </summary>
    public static BaseSection Read(string file, YamlNode node, SweepErrors errors, string section = "base")
    {
        if (node is YamlScalarNode { Value: null or "" })
            return Empty;   // `base:` left empty: defaults only
        if (!YamlNodes.TryMapping(node, errors, section, out var map))
            return Empty;
        string? preset = null;
        YamlNode? presetKey = null;
        var values = new List<ConfigValue>();
        var keys = new Dictionary<string, YamlNode>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            if (!YamlNodes.TryKey(keyNode, errors, out var key) || !YamlNodes.TryText(valueNode, errors, $"{section} '{key}'", out var text))
                continue;
            if (key == SweepKeys.Preset)
            {
                if (Presets.Names.Contains(text))
                    (preset, presetKey) = (text, keyNode);
                else
                    errors.Add(valueNode, SweepKeys.UnknownWord("preset", text, Presets.Names.ToArray()));
            }
            else if (SweepKeys.ConfigKeyProblem(key) is { } keyProblem)
                errors.Add(keyNode, $"{section}: {keyProblem}");
            else if (SweepKeys.ValueProblem(key, text) is { } valueProblem)
                errors.Add(valueNode, $"{section} '{key}': {valueProblem}");
            else
            {
                values.Add(new ConfigValue(key, text, $"{file}:{keyNode.Start.Line}:{keyNode.Start.Column}"));
                keys[key] = keyNode;
            }
        }
        return new BaseSection(preset, presetKey, values.ToArray(), keys);
    }
}
