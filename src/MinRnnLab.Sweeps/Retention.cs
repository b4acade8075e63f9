namespace MinRnnLab.Sweeps;

/// <summary>Which of its two checkpoints (the latest, where it would resume; the best, its best evaluation's) a finished run keeps.</summary>
public enum CheckpointRetention
{
    /// <summary>Both: what every run keeps without a `retention:` section.</summary>
    BestAndLatest,
    /// <summary>Only the best (a run whose best is its step 0 keeps its latest, its only one): what sampling and reports read.</summary>
    Best,
    /// <summary>Only the latest.</summary>
    Latest,
    /// <summary>Neither: the run keeps its log and metrics only.</summary>
    None,
}

/// <summary>
/// The sweep file's `retention:`: what checkpoints its runs keep once finished (a run still training or waiting to
/// resume keeps everything), applied by the sweep each time one of its runs finishes.
/// </summary>
/// <param name="Checkpoints">What each finished run keeps.</param>
/// <param name="TopK">Only the k finished runs with the lowest best validation loss keep checkpoints; null: every run.</param>
public sealed record Retention(CheckpointRetention Checkpoints, int? TopK)
{
    public const int MaxTopK = 10_000;

    public static Retention KeepAll { get; } = new(CheckpointRetention.BestAndLatest, null);

    /// <summary>True when nothing is ever removed.</summary>
    public bool KeepsEverything => this == KeepAll;
}
