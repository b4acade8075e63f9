using MinRnnLab.Abstractions;

namespace MinRnnLab.Grains.Workers;

/// <summary>What a device slot hands to the code that trains one leased run.</summary>
/// <param name="Device">"cpu" or "cuda:N" — the slot's device, which overrides the spec's.</param>
/// <param name="CheckpointFolder">Where this run's checkpoint lives (shared by all silos of a cluster).</param>
public sealed record RunContext(RunSpec Spec, int Attempt, string Device, string CheckpointFolder, IRunReporter Reporter);

/// <summary>Reports from a training thread; never blocks training on the network.</summary>
public interface IRunReporter
{
    void Progress(int step, int maxIters, IReadOnlyList<MetricPoint> points);
    void Checkpoint(int step);
}

/// <summary>
/// Trains one leased run to completion on the calling (dedicated) thread. Returns how it ended, or null
/// when <paramref name="cancel"/> fired because the lease was lost or the run was stopped elsewhere.
/// </summary>
public interface IRunExecutor
{
    RunOutcome? Execute(RunContext context, CancellationToken cancel);
}
