using System.Text.Json.Nodes;

namespace MinRnnLab.Config;

/// <summary>
/// Defaults that changed after configs were stored. A stored config (a run's RunSpec, a checkpoint's state, a run
/// folder's config.json) is the config the run trained with; one written before a key existed lacks that key, and
/// reading it with today's default would rebuild a different model than the one whose weights it holds. Every config
/// written since has the key (an unset optional key is written as null), so an absent key always means "stored before".
/// </summary>
internal static class StoredConfigDefaults
{
    /// <summary>Section, key and the value the key had before its default changed.</summary>
    private static readonly (string Section, string Key, bool Value)[] Before =
    [
        // Until the paper block's conv residual became the minGRU/minLSTM default (`auto`), it was off.
        ("model", "conv_residual", false),
    ];

    /// <summary>Adds each missing key of <see cref="Before"/> to a stored config, with the value it ran with.</summary>
    public static void FillIn(JsonNode config)
    {
        foreach (var (section, key, value) in Before)
        {
            if (config is JsonObject root && root[section] is JsonObject settings && !settings.ContainsKey(key))
                settings[key] = value;
        }
    }
}
