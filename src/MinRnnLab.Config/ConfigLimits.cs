using System.Globalization;

namespace MinRnnLab.Config;

/// <summary>
/// The largest value of every numeric config key, with why. A key's lower bound and its relations to other keys stay
/// in ModelConfig/TrainConfig.Validate; the sizes that only fit together are ShapeLimits' and the memory estimate's
/// (WorkerMemory). A new numeric key without an entry here fails ConfigLimitsTests.
/// </summary>
public static class ConfigLimits
{
    /// <summary>Most steps a run may ask for: 100 million, years of training at any size this platform runs.</summary>
    public const int MaxSteps = 100_000_000;

    /// <summary>Largest seed: exact in a double, so the web, JSON clients and the sweep report read it back unchanged.</summary>
    public const long MaxSeed = (1L << 53) - 1;

    /// <summary>Key → (largest value, why), inclusive. dropout, beta1 and beta2 stay below 1, which their own check says.</summary>
    public static IReadOnlyDictionary<string, (double Max, string Why)> Max { get; } = new Dictionary<string, (double, string)>
    {
        ["n_layer"] = (1_024, "deeper than any model this platform trains by 10×"),
        ["n_head"] = (1_024, "heads of at least one channel, and far more than any model here uses"),
        ["n_embd"] = (65_536, "wider than any model this platform trains by 10×"),
        ["block_size"] = (ShapeLimits.MaxBlockSize, $"a window of block_size + 1 characters must fit the validation split of {ShapeLimits.MaxBlockSize + 1:N0}"),
        ["vocab_size"] = (65_536, "one token per UTF-16 character"),
        ["dropout"] = (1, "a probability"),
        ["expansion"] = (64, "the paper uses 2"),
        ["conv_kernel"] = (1_024, "the paper uses 4"),
        ["d_state"] = (4_096, "Mamba uses 16"),
        ["batch_size"] = (65_536, "a batch that large is many steps' worth of the corpus"),
        ["max_iters"] = (MaxSteps, "years of training"),
        ["eval_interval"] = (MaxSteps, "max_iters' bound"),
        ["eval_iters"] = (100_000, "each evaluation runs eval_iters batches per split"),
        ["log_interval"] = (MaxSteps, "max_iters' bound"),
        // Not 10, where every run already diverges: a diverging run is a result the platform reports (Diverged), and
        // the tests provoke one with 1e9; past this a step is no longer a number float32 weights can take meaningfully.
        ["learning_rate"] = (1e9, "AdamW's steps are about learning_rate in size: far past where any run diverges"),
        ["min_lr"] = (1e9, "learning_rate's bound"),
        ["warmup_iters"] = (MaxSteps, "max_iters' bound"),
        ["lr_decay_iters"] = (MaxSteps, "max_iters' bound"),
        ["weight_decay"] = (10, "decoupled decay takes learning_rate × weight_decay of each weight per step"),
        ["beta1"] = (1, "a decay rate"),
        ["beta2"] = (1, "a decay rate"),
        ["grad_clip"] = (1e6, "a gradient norm that large is a diverged run"),
        ["seed"] = (MaxSeed, "2^53 - 1, exact in a double"),
        ["threads"] = (TrainConfig.MaxThreads, "far beyond any CPU's useful count, far below what exhausts a machine's process ids"),
        ["checkpoint_interval"] = (MaxSteps, "max_iters' bound"),
        ["sample_chars"] = (TrainConfig.MaxSampleChars, "one forward step each"),
    };

    /// <summary>Throws a ConfigException at the first key above its bound, in the order of <see cref="Max"/>.</summary>
    public static void Check(ModelConfig model, TrainConfig train)
    {
        foreach (var (key, (max, why)) in Max)
        {
            var value = ConfigKeys.ModelKeys.TryGetValue(key, out var property)
                ? property.GetValue(model)
                : ConfigKeys.TrainKeys[key].GetValue(train);
            if (Convert.ToDouble(value, CultureInfo.InvariantCulture) > max)
                throw new ConfigException(string.Create(CultureInfo.InvariantCulture,
                    $"config key '{key}' = {value} is invalid: expected at most {max:#,0.###} ({why})"));
        }
    }
}
