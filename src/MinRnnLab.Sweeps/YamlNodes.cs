using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace MinRnnLab.Sweeps;

/// <summary>
/// Typed reads of YAML nodes. Each returns false after reporting what it found and what it expected,
/// so callers skip the value and carry on looking for more errors.
/// </summary>
internal static class YamlNodes
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>How a node reads to a user: `'text'`, `nothing`, `a list`, `a mapping`.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: null or "" } => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    public static bool TryText(YamlNode node, SweepErrors errors, string what, out string text)
    {
        text = "";
        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            text = value.Trim();
            return true;
        }
        errors.Add(node, $"{what}: expected a single value, found {Describe(node)}");
        return false;
    }

    public static bool TryMapping(YamlNode node, SweepErrors errors, string what, out YamlMappingNode mapping)
    {
        mapping = node as YamlMappingNode ?? new YamlMappingNode();
        if (node is YamlMappingNode)
            return true;
        errors.Add(node, $"{what}: expected a mapping (key: value lines or {{key: value}}), found {Describe(node)}");
        return false;
    }

    /// <summary>An integer at least `min`; `rule` words the bound for the message ("a positive integer").</summary>
    public static bool TryInt(YamlNode node, SweepErrors errors, string what, int min, string rule, out int result) =>
        TryInt(node, errors, what, min, int.MaxValue, rule, out result);

    public static bool TryInt(YamlNode node, SweepErrors errors, string what, int min, int max, string rule, out int result)
    {
        result = 0;
        if (!TryText(node, errors, what, out var text))
            return false;
        if (int.TryParse(text, NumberStyles.Integer, Invariant, out result) && result >= min && result <= max)
            return true;
        errors.Add(node, $"{what}: expected {rule}, found '{text}'");
        return false;
    }

    /// <summary>
    /// As <see cref="TryInt(YamlNode, SweepErrors, string, int, int, string, out int)"/>, with its own message above
    /// <paramref name="max"/>: "{what}: expected at most 1,000, found '5000'".
    /// </summary>
    public static bool TryBoundedInt(YamlNode node, SweepErrors errors, string what, int min, int max, string rule, out int result)
    {
        if (!TryInt(node, errors, what, min, rule, out result))
            return false;
        if (result <= max)
            return true;
        errors.Add(node, string.Create(Invariant, $"{what}: expected at most {max:N0}, found '{result}'"));
        return false;
    }

    public static bool TryNumber(YamlNode node, SweepErrors errors, string what, out double result)
    {
        result = 0;
        if (!TryText(node, errors, what, out var text))
            return false;
        if (IsNumber(text, out result))
            return true;
        errors.Add(node, $"{what}: expected a number, found '{text}'");
        return false;
    }

    public static bool IsNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, Invariant, out value) && double.IsFinite(value);

    /// <summary>A key node's text; keys that are lists or mappings are reported.</summary>
    public static bool TryKey(YamlNode key, SweepErrors errors, out string name)
    {
        name = (key as YamlScalarNode)?.Value ?? "";
        if (key is YamlScalarNode && name.Length > 0)
            return true;
        errors.Add(key, $"expected a key name, found {Describe(key)}");
        return false;
    }
}
