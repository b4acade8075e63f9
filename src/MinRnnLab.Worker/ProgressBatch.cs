using MinRnnLab.Abstractions;

namespace MinRnnLab.Worker;

/// <summary>
/// Evaluations waiting to be reported, as one report: the points of each in step order, with the last one's step,
/// length and training time.
/// </summary>
/// <remarks>
/// Each report is a grain call, a metrics-store transaction and a live event. Training that evaluates faster than a
/// report's round trip (tiny runs, a busy cluster, a cluster coming back after an outage) would otherwise queue them
/// one by one; merged, what is durable is the same, and it is acknowledged all at once. Only consecutive evaluations
/// merge: a checkpoint or another report keeps its place between them.
/// </remarks>
internal sealed record ProgressBatch(int Step, int MaxIters, List<MetricPoint> Points, double TrainingSeconds)
{
    /// <summary>Batches stop growing at this many points, so one report stays a small message.</summary>
    public const int MaxPoints = 4_096;

    public ProgressBatch Then(ProgressBatch later)
    {
        Points.AddRange(later.Points);
        return later with { Points = Points };
    }
}
