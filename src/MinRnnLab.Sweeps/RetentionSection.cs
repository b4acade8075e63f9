using YamlDotNet.RepresentationModel;

namespace MinRnnLab.Sweeps;

/// <summary>Reads `retention: {checkpoints: best, top_k: 3}`; both keys optional, each problem reported at its node.</summary>
internal static class RetentionSection
{
    public static Retention Read(YamlNode node, SweepErrors errors)
    {
        if (node is YamlScalarNode { Value: null or "" })
            return Retention.KeepAll;                                                   // `retention:` left empty
        if (!YamlNodes.TryMapping(node, errors, "retention", out var map))
            return Retention.KeepAll;
        var retention = Retention.KeepAll;
        foreach (var (keyNode, value) in map.Children)
        {
            if (!YamlNodes.TryKey(keyNode, errors, out var key))
                continue;
            switch (key)
            {
                case "checkpoints":
                    if (!YamlNodes.TryText(value, errors, "retention checkpoints", out var text))
                        break;
                    if (SweepKeys.RetainedCheckpoints.Contains(text))
                        retention = retention with { Checkpoints = Enum.Parse<CheckpointRetention>(text.Replace("_", ""), ignoreCase: true) };
                    else
                        errors.Add(value, SweepKeys.UnknownWord("retention checkpoints", text, SweepKeys.RetainedCheckpoints));
                    break;
                case "top_k":
                    if (YamlNodes.TryInt(value, errors, "retention top_k", 1, Retention.MaxTopK, $"an integer from 1 to {Retention.MaxTopK:N0} (runs)", out var topK))
                        retention = retention with { TopK = topK };
                    break;
                default:
                    errors.Add(keyNode, SweepKeys.UnknownWord("retention setting", key, SweepKeys.Retention));
                    break;
            }
        }
        return retention;
    }
}
