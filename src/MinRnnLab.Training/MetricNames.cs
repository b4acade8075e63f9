namespace MinRnnLab.Training;

/// <summary>The one metric vocabulary shared by the trainer, metrics files, the store and the UI.</summary>
public static class MetricNames
{
    public const string TrainLoss = "train_loss";
    public const string ValLoss = "val_loss";
    public const string LearningRate = "lr";
    public const string MsPerIter = "ms_per_iter";
    public const string TokensPerSecond = "tokens_per_sec";
    public const string RssMb = "rss_mb";

    /// <summary>Wall-clock seconds a run has trained up to a step, its attempts summed (time queued is not counted).</summary>
    public const string TrainingSeconds = "training_s";
}
