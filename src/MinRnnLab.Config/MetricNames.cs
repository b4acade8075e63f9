namespace MinRnnLab.Config;

/// <summary>The one metric vocabulary shared by the trainer, metrics files, the store and the UI.</summary>
public static class MetricNames
{
    public const string TrainLoss = "train_loss";
    public const string ValLoss = "val_loss";
    /// <summary>The optimizer's learning rate at the step: the config key's name. Builds before stored it as `lr` (read back by Storage's LegacyMetricNames).</summary>
    public const string LearningRate = "learning_rate";
    public const string MsPerIter = "ms_per_iter";
    public const string TokensPerSecond = "tokens_per_sec";
    public const string RssMb = "rss_mb";

    /// <summary>The gradient's total norm before clipping, at the last step before an evaluation (none with grad_clip 0).</summary>
    public const string GradNorm = "grad_norm";

    /// <summary>Seconds of training behind a run's evaluation, earlier attempts included: the x of a wall-time chart.</summary>
    public const string WallSeconds = "wall_seconds";

    /// <summary>The model's trainable parameter count, reported with the first evaluation of each attempt (a constant per run).</summary>
    public const string Parameters = "parameters";
}
