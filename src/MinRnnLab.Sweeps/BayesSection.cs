using YamlDotNet.RepresentationModel;

namespace MinRnnLab.Sweeps;

/// <summary>Reads `bayes: {startup_trials: 10, gamma: 0.25, ei_candidates: 24}`; every key is optional.</summary>
internal static class BayesSection
{
    public static TpeSettings? Read(YamlNode node, SweepErrors errors)
    {
        if (node is YamlScalarNode { Value: null or "" })
            return TpeSettings.Default;   // `bayes:` left empty: defaults
        if (!YamlNodes.TryMapping(node, errors, "bayes", out var map))
            return null;
        var settings = TpeSettings.Default;
        foreach (var (keyNode, value) in map.Children)
        {
            if (!YamlNodes.TryKey(keyNode, errors, out var key))
                continue;
            switch (key)
            {
                case "startup_trials":
                    if (YamlNodes.TryInt(value, errors, "bayes startup_trials", 1, TpeSettings.MaxStartupTrials, $"an integer from 1 to {TpeSettings.MaxStartupTrials:N0}", out var startup))
                        settings = settings with { StartupTrials = startup };
                    break;
                case "gamma":
                    if (!YamlNodes.TryNumber(value, errors, "bayes gamma", out var gamma))
                        break;
                    if (gamma is > 0 and < 1)
                        settings = settings with { Gamma = gamma };
                    else
                        errors.Add(value, $"bayes gamma: expected a fraction between 0 and 1 (the share of trials counted as good), found '{((YamlScalarNode)value).Value}'");
                    break;
                case "ei_candidates":
                    if (YamlNodes.TryInt(value, errors, "bayes ei_candidates", 1, TpeSettings.MaxEiCandidates, $"an integer from 1 to {TpeSettings.MaxEiCandidates:N0}", out var candidates))
                        settings = settings with { EiCandidates = candidates };
                    break;
                default:
                    errors.Add(keyNode, SweepKeys.UnknownWord("bayes setting", key, SweepKeys.Bayes));
                    break;
            }
        }
        return settings;
    }
}
