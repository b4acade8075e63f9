using MinRnnLab.Config;
using YamlDotNet.RepresentationModel;

namespace MinRnnLab.Sweeps;

/// <summary>
/// Rules that span sections: method vs parameters and `bayes:`, base vs parameters, early_terminate vs
/// eval_interval, `when` vs the sweep's architectures, size.
/// </summary>
internal static class SweepRules
{
    public static void Check(
        SweepDefinition sweep,
        bool methodIsKnown,
        IReadOnlyDictionary<string, (YamlNode Key, YamlNode Value)> nodes,
        YamlNode root,
        BaseSection baseSection,
        IReadOnlyList<ParsedParameter> parameters,
        SweepErrors errors)
    {
        var soundSoFar = errors.Count == 0;
        if (methodIsKnown)
            CheckMethod(sweep, nodes, parameters, errors);
        foreach (var parameter in parameters)
        {
            if (baseSection.Keys.TryGetValue(parameter.Spec.Key, out var fixedAt))
                errors.Add(parameter.Key, $"'{parameter.Spec.Key}' is searched here but also fixed in base (line {fixedAt.Start.Line}); keep one");
        }
        if (nodes.TryGetValue("checkpoint_interval", out var checkpoint)
            && (baseSection.Keys.ContainsKey("checkpoint_interval") || parameters.Any(p => p.Spec.Key == "checkpoint_interval")))
            errors.Add(checkpoint.Key, "checkpoint_interval is set at the top level and also in base or parameters; keep one");
        // Pruning compares runs at the same evaluation index, which is the same training step only with one interval.
        if (sweep.EarlyTerminate is not null && parameters.FirstOrDefault(p => p.Spec.Key == SweepKeys.EvalInterval) is { } interval)
            errors.Add(interval.Key, "eval_interval cannot be searched with early_terminate: runs are compared evaluation by evaluation, " +
                "so every run needs the same interval; fix it in base");
        // Which architectures exist is only certain once arch itself parsed cleanly.
        if (soundSoFar)
            CheckConditions(sweep, parameters, errors);
        if (methodIsKnown)
            CheckSize(sweep, nodes, root, errors);
    }

    private static void CheckMethod(
        SweepDefinition sweep, IReadOnlyDictionary<string, (YamlNode Key, YamlNode Value)> nodes, IReadOnlyList<ParsedParameter> parameters, SweepErrors errors)
    {
        var method = sweep.Method.ToConfigName();
        if (sweep.Method != SearchMethod.Grid && sweep.RunCap is null)
            errors.Add(nodes["method"].Value, $"method {method} needs run_cap (how many trials to draw); found no run_cap");
        if (sweep.Method != SearchMethod.Bayes && nodes.TryGetValue("bayes", out var bayes))
            errors.Add(bayes.Key, $"bayes settings only apply to method: bayes; this sweep uses method: {method}");
        if (sweep.Method != SearchMethod.Grid)
            return;
        foreach (var parameter in parameters.Where(p => !p.Spec.IsDiscrete))
            errors.Add(parameter.Key,
                $"parameter '{parameter.Spec.Key}' has a distribution, which grid search cannot enumerate; use values, or method: random");
    }

    private static void CheckConditions(SweepDefinition sweep, IReadOnlyList<ParsedParameter> parameters, SweepErrors errors)
    {
        var archs = TrialExpander.Architectures(sweep);
        foreach (var parameter in parameters.Where(p => p.When is not null && p.Spec.When.Count > 0))
        {
            if (!archs.Any(parameter.Spec.AppliesTo))
                errors.Add(parameter.When!,
                    $"parameter '{parameter.Spec.Key}' applies only when arch is {string.Join(" or ", parameter.Spec.When)}, " +
                    $"but this sweep's architectures are {string.Join(", ", archs)}: it would never be used");
        }
    }

    private static void CheckSize(
        SweepDefinition sweep, IReadOnlyDictionary<string, (YamlNode Key, YamlNode Value)> nodes, YamlNode root, SweepErrors errors)
    {
        if (sweep.RunCap > SweepKeys.MaxTrials)
        {
            errors.Add(nodes["run_cap"].Value, $"run_cap {sweep.RunCap} is above the limit of {SweepKeys.MaxTrials} trials per sweep");
            return;
        }
        if (sweep.Method != SearchMethod.Grid || TrialExpander.Count(sweep) <= SweepKeys.MaxTrials)
            return;
        var at = nodes.TryGetValue("parameters", out var p) ? p.Key : root;
        var configurations = GridSearch.Count(sweep);
        errors.Add(at,
            $"the grid has {(configurations == long.MaxValue ? "too many" : configurations.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))} " +
            $"configurations × {sweep.Seeds} seed(s), above the limit of {SweepKeys.MaxTrials} trials per sweep; " +
            "list fewer values, set run_cap, or use method: random");
    }
}
