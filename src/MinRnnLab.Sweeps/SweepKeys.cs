using MinRnnLab.Config;

namespace MinRnnLab.Sweeps;

/// <summary>The sweep file's own vocabulary, and which config values a sweep file may set.</summary>
internal static class SweepKeys
{
    public static readonly string[] TopLevel =
        ["name", "metric", "method", "seed", "base", "parameters", "run_cap", "parallel", "seeds", "max_restarts", "checkpoint_interval",
         "bayes", "early_terminate", "configurations", "seed_order",
         "tags", "notes", "retention"];

    public static readonly string[] Retention = ["checkpoints", "top_k"];

    /// <summary>`retention: {checkpoints: …}`, spelled as in the file (CheckpointRetention without the underscores).</summary>
    public static readonly string[] RetainedCheckpoints = ["best_and_latest", "best", "latest", "none"];

    /// <summary>`seed_order`: a configuration's seeds adjacent, or every configuration's seed k before any seed k + 1.</summary>
    public static readonly string[] SeedOrders = ["adjacent", "rounds"];

    public static readonly string[] Metric = ["name", "goal", "target"];

    public static readonly string[] Parameter = ["values", "value", "distribution", "min", "max", "when"];

    public static readonly string[] Bayes = ["startup_trials", "gamma", "ei_candidates"];

    public static readonly string[] EarlyTerminate = ["type", "min_evals", "max_evals", "eta", "min_runs", "evals", "min_delta"];

    public static readonly string[] EarlyTerminateTypes = ["median", "asha", "patience"];

    public static readonly string[] Distributions = ["uniform", "log_uniform", "int_uniform"];

    /// <summary>Metrics a sweep can optimise: the losses every evaluation reports.</summary>
    public static readonly string[] Objectives = [MetricNames.ValLoss, MetricNames.TrainLoss];

    public const string Arch = "arch";
    public const string Preset = "preset";

    /// <summary>Each trial gets its own artifacts folder from the platform; one fixed out_dir would make trials overwrite each other.</summary>
    public const string OutDir = "out_dir";

    /// <summary>
    /// The lab trains every trial on its own corpus (Lab:CorpusPath / the data folder): a sweep file naming a file
    /// would be ignored at best, and must never point a worker at a path outside the data folder.
    /// </summary>
    public const string DataPath = "data_path";

    /// <summary>A grid or random sweep bigger than this is almost surely a mistake (and would take weeks).</summary>
    public const int MaxTrials = 10_000;

    /// <summary>Early stopping compares runs at the same evaluation, so the interval must be the same for all of them.</summary>
    public const string EvalInterval = "eval_interval";

    /// <summary>Random and bayes sweeps bind this many of their first configurations at validation time.</summary>
    public const int RandomConfigurationsChecked = 1_000;

    /// <summary>Null when `key` may be set by a sweep file, else what is wrong (with a did-you-mean).</summary>
    public static string? ConfigKeyProblem(string key)
    {
        if (key == OutDir)
            return $"'{OutDir}' cannot be set in a sweep: each trial gets its own artifacts folder";
        if (key == DataPath)
            return $"'{DataPath}' cannot be set in a sweep: trials train on the lab's corpus (Lab:CorpusPath, or the data folder)";
        if (ConfigKeys.IsKnown(key))
            return null;
        var hint = ConfigKeys.Suggest(key) is { } s ? $"; did you mean '{s}'?" : "; `minrnn keys` lists them";
        return $"unknown config key '{key}'{hint}";
    }

    /// <summary>Null when `text` is a well-formed value of `key`, else what was found and what was expected (callers name the key).</summary>
    public static string? ValueProblem(string key, string text)
    {
        if (key == Arch)
            return ArchitectureNames.TryParse(text, out _) ? null : UnknownArchitecture(text);
        return ConfigBinder.Accepts(key, text)
            ? null
            : $"expected {ConfigKeys.Expected(ConfigKeys.TypeOf(key))}, found '{text}'";
    }

    public static string UnknownArchitecture(string text)
    {
        var hint = ConfigKeys.Suggest(text.ToLowerInvariant(), ArchitectureNames.All) is { } s ? $" (did you mean '{s}'?)" : "";
        return $"unknown architecture '{text}'{hint}; expected one of: {string.Join(", ", ArchitectureNames.All)}";
    }

    /// <summary>"unknown key 'x' in metric; did you mean 'y'?" style message for a closed vocabulary.</summary>
    public static string UnknownWord(string what, string word, IReadOnlyList<string> known)
    {
        var hint = ConfigKeys.Suggest(word, known) is { } s ? $"did you mean '{s}'? " : "";
        return $"unknown {what} '{word}'; {hint}expected one of: {string.Join(", ", known)}";
    }
}
