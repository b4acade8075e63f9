using YamlDotNet.RepresentationModel;

namespace MinRnnLab.Web.Services;

/// <summary>
/// The parameters whose values are spread over decades, which a chart draws on a log axis: the learning rates by
/// name, and any key a sweep file samples log-uniformly (`key: {distribution: log_uniform, ...}` under parameters).
/// </summary>
public static class LogKeys
{
    /// <summary>Searched on a log scale by convention, whatever the sweep says.</summary>
    public static readonly IReadOnlySet<string> ByName = new HashSet<string> { "learning_rate", "min_lr" };

    /// <summary>
    /// <see cref="ByName"/> plus the log-uniform keys of <paramref name="sweepYaml"/>. The file was checked when it was
    /// submitted; text that does not read as YAML here adds no keys (the chart then decides by the values' spread).
    /// </summary>
    public static IReadOnlySet<string> Of(string? sweepYaml)
    {
        var keys = new HashSet<string>(ByName);
        if (string.IsNullOrWhiteSpace(sweepYaml))
            return keys;
        try
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(sweepYaml));
            if (yaml.Documents.FirstOrDefault()?.RootNode is YamlMappingNode root
                && root.Children.TryGetValue(new YamlScalarNode("parameters"), out var node) && node is YamlMappingNode parameters)
                foreach (var (key, spec) in parameters.Children)
                    if (spec is YamlMappingNode fields && fields.Children.TryGetValue(new YamlScalarNode("distribution"), out var d)
                        && d is YamlScalarNode { Value: "log_uniform" } && key is YamlScalarNode { Value: { } name })
                        keys.Add(name);
        }
        catch (YamlDotNet.Core.YamlException) { }
        return keys;
    }
}
