using YamlDotNet.RepresentationModel;

namespace MinRnnLab.Sweeps;

/// <summary>
/// Reads `early_terminate: {type: median, min_evals: 3, min_runs: 5}`,
/// `early_terminate: {type: asha, min_evals: 1, eta: 3, max_evals: 27}` or
/// `early_terminate: {type: patience, evals: 12, min_delta: 0}`, reporting each problem at its node.
/// </summary>
internal static class EarlyTerminateSection
{
    /// <summary>Keys each type accepts besides `type`: a key of another type is a mistake worth naming.</summary>
    private static readonly Dictionary<EarlyTerminateType, string[]> KeysOf = new()
    {
        [EarlyTerminateType.Median] = ["min_evals", "min_runs"],
        [EarlyTerminateType.Asha] = ["min_evals", "max_evals", "eta"],
        [EarlyTerminateType.Patience] = ["evals", "min_delta"],
    };

    /// <summary>W&amp;B and Optuna spell these in steps or iterations; here they would be misread, so say why.</summary>
    private static readonly string[] StepWords = ["min_steps", "max_steps", "min_iter", "max_iter", "min_iters", "max_iters", "steps"];

    public static EarlyTermination? Read(YamlNode node, SweepErrors errors)
    {
        var before = errors.Count;
        if (!YamlNodes.TryMapping(node, errors, "early_terminate", out var map))
            return null;
        var fields = new Dictionary<string, YamlNode>();
        var keys = new Dictionary<string, YamlNode>();
        foreach (var (keyNode, value) in map.Children)
        {
            if (!YamlNodes.TryKey(keyNode, errors, out var key))
                continue;
            if (SweepKeys.EarlyTerminate.Contains(key))
                (fields[key], keys[key]) = (value, keyNode);
            else if (StepWords.Contains(key))
                errors.Add(keyNode, $"early_terminate '{key}': counts here are evaluations, not optimizer steps; " +
                    $"use '{EvalWord(key)}' (one evaluation = eval_interval steps)");
            else
                errors.Add(keyNode, SweepKeys.UnknownWord("early_terminate setting", key, SweepKeys.EarlyTerminate));
        }
        if (!fields.TryGetValue("type", out var typeNode))
        {
            errors.Add(node, $"early_terminate: missing type; expected one of: {string.Join(", ", SweepKeys.EarlyTerminateTypes)}");
            return null;
        }
        if (!YamlNodes.TryText(typeNode, errors, "early_terminate type", out var typeText))
            return null;
        if (!SweepKeys.EarlyTerminateTypes.Contains(typeText))
        {
            errors.Add(typeNode, SweepKeys.UnknownWord("early_terminate type", typeText, SweepKeys.EarlyTerminateTypes));
            return null;
        }
        var type = Enum.Parse<EarlyTerminateType>(typeText, ignoreCase: true);
        var allowed = KeysOf[type];
        foreach (var (key, keyNode) in keys.Where(k => k.Key != "type" && !allowed.Contains(k.Key)))
            errors.Add(keyNode, $"early_terminate '{key}' does not apply to type {typeText}; it takes {string.Join(", ", allowed)}");
        if (type == EarlyTerminateType.Patience)
            return ReadPatience(node, fields, errors, before);

        var minEvals = Int(fields, "min_evals", 1, "a positive integer (evaluations)",
            type == EarlyTerminateType.Median ? EarlyTermination.DefaultMedianMinEvals : EarlyTermination.DefaultAshaMinEvals, errors);
        var eta = Int(fields, "eta", 2, "an integer of at least 2 (keep the top 1/eta)", EarlyTermination.DefaultEta, errors);
        var minRuns = Int(fields, "min_runs", 1, "a positive integer (runs)", EarlyTermination.DefaultMinRuns, errors);
        int? maxEvals = fields.ContainsKey("max_evals") ? Int(fields, "max_evals", 1, "a positive integer (evaluations)", 0, errors) : null;
        if (maxEvals is { } max && max <= minEvals && errors.Count == before)
            errors.Add(fields["max_evals"], $"early_terminate max_evals ({max}) must be above min_evals ({minEvals}), or there is no rung to judge at");
        return errors.Count > before ? null : new EarlyTermination(type, minEvals, type == EarlyTerminateType.Asha ? maxEvals : null, eta, minRuns);
    }

    private static string EvalWord(string stepWord) =>
        stepWord == "steps" ? "evals" : stepWord.StartsWith("min", StringComparison.Ordinal) ? "min_evals" : "max_evals";

    /// <summary>`evals` is required: how long to wait has no default that suits runs of every length.</summary>
    private static EarlyTermination? ReadPatience(YamlNode node, Dictionary<string, YamlNode> fields, SweepErrors errors, int before)
    {
        if (!fields.ContainsKey("evals"))
            errors.Add(node, "early_terminate type patience needs evals: how many evaluations after its best a run stops (one evaluation = eval_interval steps)");
        var evals = Int(fields, "evals", 1, "a positive integer (evaluations)", 0, errors);
        var minDelta = 0.0;
        if (fields.TryGetValue("min_delta", out var deltaNode) && YamlNodes.TryNumber(deltaNode, errors, "early_terminate min_delta", out minDelta) && minDelta < 0)
            errors.Add(deltaNode, $"early_terminate min_delta: expected 0 or more (how much an improvement must beat the best by), found '{((YamlScalarNode)deltaNode).Value}'");
        return errors.Count > before ? null : new EarlyTermination(EarlyTerminateType.Patience, MinEvals: 1, MaxEvals: null,
            EarlyTermination.DefaultEta, EarlyTermination.DefaultMinRuns, PatienceEvals: evals, MinDelta: minDelta);
    }

    private static int Int(Dictionary<string, YamlNode> fields, string key, int min, string rule, int fallback, SweepErrors errors)
    {
        var max = SweepLimits.Max[$"early_terminate {key}"];
        return fields.TryGetValue(key, out var node) && YamlNodes.TryBoundedInt(node, errors, $"early_terminate {key}", min, max, rule, out var value)
            ? value : fallback;
    }
}
