using Orleans;

namespace MinRnnLab.Config;

/// <summary>
/// How a model is trained. Property names map to snake_case config keys (MaxIters ↔ max_iters).
/// Defaults are nanoGPT's shakespeare_char settings.
/// </summary>
// Each key's [Id] is its Orleans wire id (the build refuses a key without one, ORLEANS0004); never reuse an id.
[GenerateSerializer, Immutable, Alias("MinRnnLab.TrainConfig")]
public sealed record TrainConfig
{
    [Id(0)] public int BatchSize { get; init; } = 64;
    [Id(1)] public int MaxIters { get; init; } = 5000;
    /// <summary>Steps between evaluations; frequent because small models overfit the 1 MB corpus quickly.</summary>
    [Id(2)] public int EvalInterval { get; init; } = 250;
    /// <summary>Batches averaged per split at each evaluation; with eval_mode full, for the training split only.</summary>
    [Id(3)] public int EvalIters { get; init; } = 200;
    /// <summary>
    /// How the validation loss is measured: `random` (eval_iters random batches) or `full` (the whole split once, exact;
    /// see the EvalMode enum). The training split, nine times larger, is always estimated from eval_iters batches.
    /// </summary>
    [Id(4)] public EvalMode EvalMode { get; init; } = EvalMode.Random;
    /// <summary>Steps between progress reports (reading the loss forces a device sync).</summary>
    [Id(5)] public int LogInterval { get; init; } = 10;
    [Id(6)] public double LearningRate { get; init; } = 1e-3;
    /// <summary>Floor of the cosine decay, about learning_rate / 10 per Chinchilla.</summary>
    [Id(7)] public double MinLr { get; init; } = 1e-4;
    [Id(8)] public int WarmupIters { get; init; } = 100;
    /// <summary>Step where the cosine reaches min_lr; 0 means max_iters.</summary>
    [Id(9)] public int LrDecayIters { get; init; }
    [Id(10)] public bool DecayLr { get; init; } = true;
    [Id(11)] public double WeightDecay { get; init; } = 0.1;
    [Id(12)] public double Beta1 { get; init; } = 0.9;
    /// <summary>0.99 rather than 0.999: few tokens per step, so a shorter second-moment memory.</summary>
    [Id(13)] public double Beta2 { get; init; } = 0.99;
    /// <summary>Global gradient-norm clip; 0 disables it.</summary>
    [Id(14)] public double GradClip { get; init; } = 1.0;
    [Id(15)] public long Seed { get; init; } = 1337;
    /// <summary>"cpu" or "cuda", "cuda:N".</summary>
    [Id(16)] public string Device { get; init; } = "cpu";
    /// <summary>Intra-op threads on CPU; 0 leaves libtorch's default.</summary>
    [Id(17)] public int Threads { get; init; }

    /// <summary>
    /// Most intra-op threads a run may ask for: far beyond any CPU's useful count, and far below what exhausts a
    /// machine's process ids (`--threads 100000` made 32,328 threads before it died).
    /// </summary>
    public const int MaxThreads = 256;
    /// <summary>Steps between checkpoints; 0 checkpoints only at evaluations that improve and at the end.</summary>
    [Id(18)] public int CheckpointInterval { get; init; } = 250;
    /// <summary>Explicit corpus file; empty means MINRNN_DATA, then the data folder, then download.</summary>
    [Id(19)] public string DataPath { get; init; } = "";
    /// <summary>Run folder for config, metrics, checkpoints and samples; empty means runs/&lt;timestamp&gt;.</summary>
    [Id(20)] public string OutDir { get; init; } = "";
    /// <summary>Characters of sample text written at the end of training; 0 skips it.</summary>
    [Id(21)] public int SampleChars { get; init; } = 500;

    /// <summary>Most sample characters: one forward step each, so 100,000 is minutes at the paper's size (100,000,000 grew to 7.9 GB).</summary>
    public const int MaxSampleChars = 100_000;

    public int EffectiveLrDecayIters => LrDecayIters > 0 ? LrDecayIters : MaxIters;

    /// <summary>Throws with the offending key when the settings cannot train.</summary>
    public void Validate()
    {
        Require(BatchSize >= 1, "batch_size", BatchSize, "at least 1");
        Require(MaxIters >= 0, "max_iters", MaxIters, "0 or more");
        Require(EvalInterval >= 1, "eval_interval", EvalInterval, "at least 1");
        Require(EvalIters >= 1, "eval_iters", EvalIters, "at least 1");
        Require(LogInterval >= 1, "log_interval", LogInterval, "at least 1");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), "learning_rate", LearningRate, "a positive number");
        Require(MinLr >= 0 && (!DecayLr || MinLr <= LearningRate), "min_lr", MinLr, $"between 0 and learning_rate ({LearningRate})");
        Require(WarmupIters >= 0, "warmup_iters", WarmupIters, "0 or more");
        Require(LrDecayIters >= 0, "lr_decay_iters", LrDecayIters, "0 or more");
        Require(WeightDecay >= 0, "weight_decay", WeightDecay, "0 or more");
        Require(Beta1 is >= 0 and < 1, "beta1", Beta1, "in [0, 1)");
        Require(Beta2 is >= 0 and < 1, "beta2", Beta2, "in [0, 1)");
        Require(GradClip >= 0, "grad_clip", GradClip, "0 (off) or more");
        Require(Threads is >= 0 and <= MaxThreads, "threads", Threads, $"0 (default) to {MaxThreads}");
        Require(CheckpointInterval >= 0, "checkpoint_interval", CheckpointInterval, "0 or more");
        Require(SampleChars is >= 0 and <= MaxSampleChars, "sample_chars", SampleChars, $"0 to {MaxSampleChars:N0}");
        Require(DeviceSpec.TryParse(Device, out _), "device", Device, "cpu, cuda or cuda:N");
    }

    private static void Require(bool ok, string key, object value, string expected)
    {
        if (!ok)
            throw new ConfigException($"config key '{key}' = {value} is invalid: expected {expected}");
    }
}
