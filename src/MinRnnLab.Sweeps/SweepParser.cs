using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using MinRnnLab.Config;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MinRnnLab.Sweeps;

/// <summary>
/// Reads and validates a sweep file in one pass that reports every error, each at its line and column:
/// 1. size, nesting depth and YAML syntax (BoundedYaml, before anything recursive reads the file), 2. each section's
/// shape and vocabulary, 3. cross-section rules (SweepRules), 4. binding every configuration that will run
/// (ConfigurationCheck). Nothing is stored until all pass. A submission comes here once, on a silo
/// (SweepIntakeGrain); the web's editor comes here as the user types, to show the errors in place.
/// </summary>
public static partial class SweepParser
{
    private static readonly Meter Meter = new("MinRnnLab.Sweeps");

    /// <summary>Files parsed, tagged with the file's name: a submission is parsed once, by the platform (SweepIntakeGrain).</summary>
    private static readonly Counter<long> FilesParsed = Meter.CreateCounter<long>("minrnn.sweep_files.parsed", description: "sweep files parsed");

    /// <summary>The longest file name (a path, as the CLI passes it) a parse accepts.</summary>
    public const int MaxFileNameLength = 260;

    /// <param name="workerMemory">Bytes a trial may use (default: this machine's, <see cref="WorkerMemory.Bytes"/>).</param>
    public static SweepParseResult Parse(string yaml, string fileName, long? workerMemory = null)
    {
        // Grains receive these from any client: null is an argument error, not a parse error.
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);
        // Every error carries the name: an unbounded one, times an unbounded count of errors, is memory a caller chooses.
        if (fileName.Length > MaxFileNameLength || fileName.Any(char.IsControl))
            throw new ArgumentException($"a sweep file's name is at most {MaxFileNameLength} characters without control characters; got {fileName.Length} characters",
                nameof(fileName));
        FilesParsed.Add(1, new KeyValuePair<string, object?>("file", fileName));
        var errors = new SweepErrors(fileName);
        var root = Load(yaml, errors);
        if (root is null)
            return new SweepParseResult(null, errors.Sorted());

        var nodes = ReadTopLevel(root, errors);
        var name = Required(nodes, "name", root, errors, "every sweep needs a name") is { } nameNode ? ReadName(nameNode, errors) : null;
        var metric = Required(nodes, "metric", root, errors, "expected metric: {name: val_loss, goal: minimize}") is { } metricNode
            ? ReadMetric(metricNode, errors) : null;
        var method = Required(nodes, "method", root, errors, "expected method: grid, random or bayes") is { } methodNode
            ? ReadMethod(methodNode, errors) : null;
        var seed = OptionalInt(nodes, "seed", 0, "a non-negative integer", 1, errors);
        // run_cap's bound is CheckSize's, which says what the limit is for.
        var runCap = nodes.ContainsKey("run_cap") ? OptionalInt(nodes, "run_cap", 1, "a positive integer", 0, errors, max: int.MaxValue) : (int?)null;
        var parallel = OptionalInt(nodes, "parallel", 1, "a positive integer", 1, errors);
        var seeds = OptionalInt(nodes, "seeds", 1, "a positive integer", 1, errors);
        var maxRestarts = OptionalInt(nodes, "max_restarts", 0, "a non-negative integer", 3, errors);
        var checkpoint = nodes.ContainsKey("checkpoint_interval")
            ? OptionalInt(nodes, "checkpoint_interval", 0, "a non-negative integer (steps; 0 = only at improvements and the end)", 0, errors)
            : (int?)null;
        var baseSection = nodes.TryGetValue("base", out var b) ? BaseSection.Read(fileName, b.Value, errors) : BaseSection.Empty;
        var parameters = nodes.TryGetValue("parameters", out var p) ? ReadParameters(p.Value, errors) : [];
        var bayes = nodes.TryGetValue("bayes", out var tpe) ? BayesSection.Read(tpe.Value, errors) : null;
        var earlyTerminate = nodes.TryGetValue("early_terminate", out var et) ? EarlyTerminateSection.Read(et.Value, errors) : null;
        var configurations = nodes.TryGetValue("configurations", out var cs) ? ConfigurationsSection.Read(fileName, cs.Value, errors) : null;
        var seedRounds = nodes.TryGetValue("seed_order", out var so) && ConfigurationsSection.ReadSeedOrder(so.Value, errors);
        ConfigurationsSection.CheckCombinations(nodes, method, errors);
        var tags = nodes.TryGetValue("tags", out var tg) ? LabelsSection.ReadTags(tg.Value, errors) : [];
        var notes = nodes.TryGetValue("notes", out var nt) ? LabelsSection.ReadNotes(nt.Value, errors) : "";
        var retention = nodes.TryGetValue("retention", out var rt) ? RetentionSection.Read(rt.Value, errors) : Retention.KeepAll;

        var sweep = new SweepDefinition(
            name ?? "", metric ?? new MetricSpec(SweepKeys.Objectives[0], MetricGoal.Minimize, null), method ?? SearchMethod.Grid,
            seed, baseSection.Preset, baseSection.Values, parameters.Select(x => x.Spec).ToArray(),
            runCap, parallel, seeds, maxRestarts, checkpoint, bayes, earlyTerminate, configurations, seedRounds)
        {
            Tags = tags, Notes = notes, Retention = retention,
        };
        var structureIsSound = errors.Count == 0;
        SweepRules.Check(sweep, method is not null, nodes, root, baseSection, parameters, errors);
        if (structureIsSound && errors.Count == 0)
            ConfigurationCheck.Check(sweep, nodes.GetValueOrDefault("parameters").Key ?? root, baseSection, parameters,
                workerMemory ?? WorkerMemory.Bytes, errors);
        return errors.Count == 0 ? new SweepParseResult(sweep, []) : new SweepParseResult(null, errors.Sorted());
    }

    private static YamlMappingNode? Load(string yaml, SweepErrors errors)
    {
        // Bounded first: a deep or self-referencing file would overflow the stack of whoever parses it (web, silo, CLI).
        YamlStream stream;
        try
        {
            stream = BoundedYaml.Load(yaml);
        }
        catch (YamlLimitException e)
        {
            errors.Add(e.Start, e.Message);
            return null;
        }
        catch (YamlException e)
        {
            // YamlDotNet wraps the parser's detail in InnerException; its message alone says "while parsing...".
            errors.Add(e.Start, $"invalid YAML: {(e.InnerException ?? e).Message}");
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            errors.Add(1, 1, "the file is empty; expected a mapping with name, metric, method and parameters");
            return null;
        }
        if (stream.Documents.Count > 1)
            errors.Add(stream.Documents[1].RootNode, "expected one YAML document, found several (a second `---`)");
        var root = stream.Documents[0].RootNode;
        return YamlNodes.TryMapping(root, errors, "sweep file", out var map) ? map : null;
    }

    private static Dictionary<string, (YamlNode Key, YamlNode Value)> ReadTopLevel(YamlMappingNode root, SweepErrors errors)
    {
        var nodes = new Dictionary<string, (YamlNode, YamlNode)>();
        foreach (var (keyNode, value) in root.Children)
        {
            if (!YamlNodes.TryKey(keyNode, errors, out var key))
                continue;
            if (SweepKeys.TopLevel.Contains(key))
                nodes[key] = (keyNode, value);
            else if (key == SweepKeys.Preset || ConfigKeys.IsKnown(key))
                errors.Add(keyNode, $"'{key}' is a config key, not a sweep setting: put it under base: (fixed) or parameters: (searched)");
            else
                errors.Add(keyNode, SweepKeys.UnknownWord("top-level key", key, SweepKeys.TopLevel));
        }
        return nodes;
    }

    private static YamlNode? Required(Dictionary<string, (YamlNode Key, YamlNode Value)> nodes, string key, YamlNode root, SweepErrors errors, string hint)
    {
        if (nodes.TryGetValue(key, out var node))
            return node.Value;
        errors.Add(root, $"missing '{key}': {hint}");
        return null;
    }

    /// <summary>An integer setting from <paramref name="min"/> to its bound in <see cref="SweepLimits.Max"/> (or <paramref name="max"/>).</summary>
    private static int OptionalInt(Dictionary<string, (YamlNode Key, YamlNode Value)> nodes, string key, int min, string rule, int fallback, SweepErrors errors,
        int? max = null)
    {
        return nodes.TryGetValue(key, out var node) && YamlNodes.TryBoundedInt(node.Value, errors, key, min, max ?? SweepLimits.Max[key], rule, out var value)
            ? value : fallback;
    }

    private static string? ReadName(YamlNode node, SweepErrors errors)
    {
        if (!YamlNodes.TryText(node, errors, "name", out var name))
            return null;
        // Names become run-folder names, grain ids and URLs: a 250-character name made every run's path too long.
        if (name.Length > MaxNameLength)
            errors.Add(node, $"name: expected at most {MaxNameLength} characters (it names folders and addresses), found {name.Length}");
        else if (SafeName().IsMatch(name))
            return name;
        else
            errors.Add(node, $"name: expected letters, digits, '.', '_' or '-' (starting with a letter or digit), found '{name}'");
        return null;
    }

    private static MetricSpec? ReadMetric(YamlNode node, SweepErrors errors)
    {
        if (!YamlNodes.TryMapping(node, errors, "metric", out var map))
            return null;
        var before = errors.Count;
        string? name = null;
        var goal = MetricGoal.Minimize;
        double? target = null;
        foreach (var (keyNode, value) in map.Children)
        {
            if (!YamlNodes.TryKey(keyNode, errors, out var key))
                continue;
            switch (key)
            {
                case "name":
                    if (!YamlNodes.TryText(value, errors, "metric name", out var text))
                        break;
                    if (SweepKeys.Objectives.Contains(text))
                        name = text;
                    else
                        errors.Add(value, SweepKeys.UnknownWord("metric", text, SweepKeys.Objectives));
                    break;
                case "goal":
                    if (!YamlNodes.TryText(value, errors, "metric goal", out var word))
                        break;
                    if (word is "minimize" or "maximize")
                        goal = word == "minimize" ? MetricGoal.Minimize : MetricGoal.Maximize;
                    else
                        errors.Add(value, SweepKeys.UnknownWord("metric goal", word, ["minimize", "maximize"]));
                    break;
                case "target":
                    if (YamlNodes.TryNumber(value, errors, "metric target", out var number))
                        target = number;
                    break;
                default:
                    errors.Add(keyNode, SweepKeys.UnknownWord("metric setting", key, SweepKeys.Metric));
                    break;
            }
        }
        if (!map.Children.Keys.Any(k => k.ToString() == "name"))
            errors.Add(node, $"metric: missing name; expected one of: {string.Join(", ", SweepKeys.Objectives)}");
        return name is null || errors.Count > before ? null : new MetricSpec(name, goal, target);
    }

    private static SearchMethod? ReadMethod(YamlNode node, SweepErrors errors)
    {
        if (!YamlNodes.TryText(node, errors, "method", out var text))
            return null;
        switch (text)
        {
            case "grid": return SearchMethod.Grid;
            case "random": return SearchMethod.Random;
            case "bayes": return SearchMethod.Bayes;
            default:
                errors.Add(node, SweepKeys.UnknownWord("method", text, ["grid", "random", "bayes"]));
                return null;
        }
    }

    private static List<ParsedParameter> ReadParameters(YamlNode node, SweepErrors errors)
    {
        if (node is YamlScalarNode { Value: null or "" })
            return [];   // `parameters:` left empty: one configuration, run once per seed
        if (!YamlNodes.TryMapping(node, errors, "parameters", out var map))
            return [];
        var parameters = new List<ParsedParameter>();
        foreach (var (keyNode, body) in map.Children)
        {
            if (YamlNodes.TryKey(keyNode, errors, out var key) && ParameterParser.Parse(keyNode, key, body, errors) is { } parameter)
                parameters.Add(parameter);
        }
        return parameters;
    }

    /// <summary>Longest sweep name: its id adds 20 characters and a run folder its trial number, well inside path limits.</summary>
    public const int MaxNameLength = 64;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex SafeName();
}
