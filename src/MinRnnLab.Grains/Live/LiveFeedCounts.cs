namespace MinRnnLab.Grains.Live;

/// <summary>
/// A silo's live feed since it started: events posted by grains, merged into one still waiting for its stream,
/// delivered to the stream provider, and dropped (never delivered: a full queue, a timeout, too many streams waiting,
/// or points cut from an over-long merge).
/// </summary>
public sealed record LiveFeedCounts(long Posted, long Merged, long Delivered, long Dropped);
