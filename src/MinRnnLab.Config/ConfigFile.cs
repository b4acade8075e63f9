using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MinRnnLab.Config;

/// <summary>Reads a flat YAML mapping of config keys (`learning_rate: 1e-3`), keeping each value's line and column.</summary>
public static class ConfigFile
{
    public static IReadOnlyList<ConfigValue> Read(string path)
    {
        YamlStream stream;
        try
        {
            stream = BoundedYaml.Load(BoundedYaml.ReadFile(path, "config file"));
        }
        catch (YamlLimitException e)
        {
            throw new ConfigException($"{path}:{e.Start.Line}:{e.Start.Column}: {e.Message}");
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{path}:{e.Start.Line}:{e.Start.Column}: invalid YAML: {e.InnerException?.Message ?? e.Message}");
        }
        if (stream.Documents.Count == 0)
            return [];
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ConfigException($"{path}: expected a mapping of config keys (key: value)");
        var values = new List<ConfigValue>();
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var where = $"{path}:{keyNode.Start.Line}:{keyNode.Start.Column}";
            if (valueNode is not YamlScalarNode scalar)
                throw new ConfigException($"{where}: '{keyNode}' must be a single value, not a list or mapping");
            values.Add(new ConfigValue(keyNode.ToString(), scalar.Value ?? "", where));
        }
        return values;
    }
}
