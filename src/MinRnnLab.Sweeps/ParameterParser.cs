using System.Globalization;
using MinRnnLab.Config;
using YamlDotNet.RepresentationModel;

namespace MinRnnLab.Sweeps;

/// <summary>A parameter with the nodes later checks point at: its key, and its `when` if any.</summary>
internal sealed record ParsedParameter(ParameterSpec Spec, YamlNode Key, YamlNode? When);

/// <summary>
/// Reads one entry of `parameters:` — `{values: [...]}`, `{value: X}` or `{distribution: D, min: A, max: B}`,
/// each with an optional `when: {arch: NAME | [NAMES]}` — reporting every problem at the node that has it.
/// </summary>
internal static class ParameterParser
{
    public static ParsedParameter? Parse(YamlNode keyNode, string key, YamlNode body, SweepErrors errors)
    {
        var before = errors.Count;
        if (key == SweepKeys.Preset)
        {
            errors.Add(keyNode, "'preset' cannot be searched: set it in base, and search the keys it sets instead");
            return null;
        }
        if (SweepKeys.ConfigKeyProblem(key) is { } problem)
        {
            errors.Add(keyNode, problem);
            return null;
        }
        if (!YamlNodes.TryMapping(body, errors, $"parameter '{key}'", out var map))
            return null;

        var fields = new Dictionary<string, YamlNode>();
        foreach (var (name, value) in map.Children)
        {
            if (!YamlNodes.TryKey(name, errors, out var field))
                continue;
            if (SweepKeys.Parameter.Contains(field))
                fields[field] = value;
            else
                errors.Add(name, SweepKeys.UnknownWord($"setting in parameter '{key}'", field, SweepKeys.Parameter));
        }

        var sources = new[] { "values", "value", "distribution" }.Where(fields.ContainsKey).ToArray();
        var hasBounds = fields.ContainsKey("min") || fields.ContainsKey("max");
        if (sources.Length == 0)
            errors.Add(body, hasBounds
                ? $"parameter '{key}': min and max need a distribution ({string.Join(", ", SweepKeys.Distributions)})"
                : $"parameter '{key}': expected values: [...], value: X or distribution: ..., found none of them");
        else if (sources.Length > 1)
            errors.Add(body, $"parameter '{key}': give only one of values, value or distribution, found {string.Join(" and ", sources)}");
        else if (hasBounds && sources[0] != "distribution")
            errors.Add(fields.GetValueOrDefault("min") ?? fields["max"], $"parameter '{key}': min and max only go with a distribution, not with {sources[0]}");

        var spec = sources.Length == 1 ? ReadSource(key, sources[0], fields, errors) : null;
        var when = fields.GetValueOrDefault("when");
        var archs = when is null ? [] : ReadWhen(key, when, errors);
        return spec is null || errors.Count > before ? null : new ParsedParameter(spec with { When = archs }, keyNode, when);
    }

    private static ParameterSpec? ReadSource(string key, string source, Dictionary<string, YamlNode> fields, SweepErrors errors) => source switch
    {
        "values" => ReadValues(key, fields["values"], errors),
        "value" => YamlNodes.TryText(fields["value"], errors, $"parameter '{key}' value", out var text) && CheckValue(key, fields["value"], text, errors)
            ? new ParameterSpec(key, ParameterKind.Constant, [Canonical(key, text)], 0, 0, [])
            : null,
        _ => ReadDistribution(key, fields, errors),
    };

    private static ParameterSpec? ReadValues(string key, YamlNode node, SweepErrors errors)
    {
        if (node is not YamlSequenceNode list)
        {
            errors.Add(node, $"parameter '{key}' values: expected a list like [a, b], found {YamlNodes.Describe(node)}");
            return null;
        }
        if (list.Children.Count == 0)
        {
            errors.Add(node, $"parameter '{key}' values: the list is empty; expected at least one value");
            return null;
        }
        var values = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);   // a set: comparing each value with every earlier one was quadratic
        foreach (var item in list.Children)
        {
            if (!YamlNodes.TryText(item, errors, $"parameter '{key}' values", out var text) || !CheckValue(key, item, text, errors))
                continue;
            var canonical = Canonical(key, text);
            if (seen.Add(Identity(key, canonical)))
                values.Add(canonical);
            else
                errors.Add(item, $"parameter '{key}' values: '{text}' is listed twice; each value would run twice");
        }
        return new ParameterSpec(key, ParameterKind.Values, values.ToArray(), 0, 0, []);
    }

    private static ParameterSpec? ReadDistribution(string key, Dictionary<string, YamlNode> fields, SweepErrors errors)
    {
        var node = fields["distribution"];
        if (!YamlNodes.TryText(node, errors, $"parameter '{key}' distribution", out var name))
            return null;
        if (!SweepKeys.Distributions.Contains(name))
        {
            errors.Add(node, SweepKeys.UnknownWord("distribution", name, SweepKeys.Distributions));
            return null;
        }
        var kind = name switch { "uniform" => ParameterKind.Uniform, "log_uniform" => ParameterKind.LogUniform, _ => ParameterKind.IntUniform };
        var type = ConfigKeys.TypeOf(key);
        var isInteger = type == typeof(int) || type == typeof(long);
        if (!isInteger && type != typeof(double))
            errors.Add(node, $"parameter '{key}' expects {ConfigKeys.Expected(type)}, which no distribution draws; use values");
        else if (isInteger && kind != ParameterKind.IntUniform)
            errors.Add(node, $"parameter '{key}' expects an integer, but {name} draws reals; use int_uniform or values");

        var min = ReadBound(key, name, "min", fields, errors, kind == ParameterKind.IntUniform);
        var max = ReadBound(key, name, "max", fields, errors, kind == ParameterKind.IntUniform);
        if (min is null || max is null)
            return null;
        if (min >= max)
            errors.Add(fields["min"], $"parameter '{key}': min ({min}) must be less than max ({max})");
        if (kind == ParameterKind.LogUniform && min <= 0)
            errors.Add(fields["min"], $"parameter '{key}': log_uniform needs min > 0 (it draws the logarithm), found {min}");
        return new ParameterSpec(key, kind, [], min.Value, max.Value, []);
    }

    private static double? ReadBound(string key, string distribution, string bound, Dictionary<string, YamlNode> fields, SweepErrors errors, bool integer)
    {
        if (!fields.TryGetValue(bound, out var node))
        {
            errors.Add(fields["distribution"], $"parameter '{key}': {distribution} needs {bound}, found no {bound}");
            return null;
        }
        if (!YamlNodes.TryNumber(node, errors, $"parameter '{key}' {bound}", out var value))
            return null;
        if (integer && (value != Math.Floor(value) || Math.Abs(value) > 1e15))
        {
            errors.Add(node, $"parameter '{key}' {bound}: int_uniform needs an integer, found '{((YamlScalarNode)node).Value}'");
            return null;
        }
        return value;
    }

    /// <summary>`when: {arch: mamba}` or `when: {arch: [mingru, minlstm]}` → canonical architecture names.</summary>
    private static IReadOnlyList<string> ReadWhen(string key, YamlNode node, SweepErrors errors)
    {
        if (key == SweepKeys.Arch)
        {
            errors.Add(node, "parameter 'arch' cannot have a when: conditions are written in terms of arch");
            return [];
        }
        if (!YamlNodes.TryMapping(node, errors, $"parameter '{key}' when", out var map))
            return [];
        var archs = new List<string>();
        foreach (var (nameNode, value) in map.Children)
        {
            if (!YamlNodes.TryKey(nameNode, errors, out var name))
                continue;
            if (name != SweepKeys.Arch)
            {
                errors.Add(nameNode, $"parameter '{key}' when: conditions can only name 'arch', found '{name}'");
                continue;
            }
            var items = value is YamlSequenceNode list ? list.Children.ToList() : [value];
            if (items.Count == 0)
                errors.Add(value, $"parameter '{key}' when: the arch list is empty; expected at least one architecture");
            foreach (var item in items)
            {
                if (!YamlNodes.TryText(item, errors, $"parameter '{key}' when arch", out var text))
                    continue;
                if (ArchitectureNames.TryParse(text, out var arch))
                    archs.Add(arch.ToConfigName());
                else
                    errors.Add(item, $"parameter '{key}' when: {SweepKeys.UnknownArchitecture(text)}");
            }
        }
        if (map.Children.Count == 0)
            errors.Add(node, $"parameter '{key}' when: expected {{arch: NAME}} or {{arch: [NAMES]}}, found an empty mapping");
        return archs.ToArray();
    }

    private static bool CheckValue(string key, YamlNode node, string text, SweepErrors errors)
    {
        if (SweepKeys.ValueProblem(key, text) is not { } problem)
            return true;
        errors.Add(node, $"parameter '{key}': {problem}");
        return false;
    }

    /// <summary>Architectures are stored by their config name (`MinGRU` → `mingru`); other values as written.</summary>
    private static string Canonical(string key, string text) =>
        key == SweepKeys.Arch ? ArchitectureNames.Parse(text).ToConfigName() : text;

    /// <summary>What makes two values the same: the number for a real-valued key (1e-3 = 0.001), else the text, any case.</summary>
    private static string Identity(string key, string value) =>
        ConfigKeys.TypeOf(key) == typeof(double) && YamlNodes.IsNumber(value, out var x)
            ? (x == 0 ? 0.0 : x).ToString("R", CultureInfo.InvariantCulture)   // -0 is 0
            : value;
}
