using System.Text.Json;
using MinRnnLab.Config;

namespace MinRnnLab.Web.Services;

/// <summary>One config key whose value is not the same in every compared run; null where a run lacks the key.</summary>
public sealed record ConfigDiffRow(string Key, IReadOnlyList<string?> Values);

/// <summary>
/// Which config keys differ between runs. A resolved config is flattened to dotted keys ("model.n_embd",
/// "train.learning_rate"), so two runs from different sweeps compare key by key whatever their sweep files looked like.
/// </summary>
public static class ConfigDiff
{
    /// <summary>Every key of the config under its dotted path ("model.n_embd"), valued as the config file spells it.</summary>
    public static IReadOnlyDictionary<string, string> Flatten(RunConfig config)
    {
        var leaves = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Add(leaves, "", ConfigJson.ToElement(config));
        return leaves;
    }

    /// <summary>The keys (in order) whose values are not all equal, each with one value per config, in the configs' order.</summary>
    public static IReadOnlyList<ConfigDiffRow> Differing(IReadOnlyList<IReadOnlyDictionary<string, string>> configs)
    {
        var keys = configs.SelectMany(c => c.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return keys
            .Select(key => new ConfigDiffRow(key, configs.Select(c => c.TryGetValue(key, out var value) ? value : null).ToList()))
            .Where(row => row.Values.Distinct(StringComparer.Ordinal).Skip(1).Any())
            .ToList();
    }

    private static void Add(IDictionary<string, string> leaves, string path, JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
                Add(leaves, path.Length == 0 ? property.Name : $"{path}.{property.Name}", property.Value);
            return;
        }
        leaves[path.Length == 0 ? "(value)" : path] = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
    }
}
