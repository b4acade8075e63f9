using MinRnnLab.Abstractions;
using MinRnnLab.Storage;

namespace MinRnnLab.Worker;

/// <summary>What a device slot hands to the code that trains one leased run.</summary>
/// <param name="Worker">The slot's worker id, as its lease and the run's attempts name it.</param>
/// <param name="Device">"cpu" or "cuda:N" — the slot's device, which overrides the spec's.</param>
/// <param name="CheckpointFolder">Where this run's checkpoint lives (shared by all silos of a cluster).</param>
/// <param name="Log">The run's log for people, beside its checkpoint.</param>
/// <param name="ReportedStep">The last step whose metrics the run grain has stored, from earlier attempts; -1 for none.</param>
/// <param name="Shutdown">
/// Fires when the run is to be handed back (the silo is stopping, or the run's sweep was paused): checkpoint the
/// current step, then stop (return null).
/// </param>
/// <param name="EarlierSeconds">Training seconds of the run's earlier attempts: wall time continues from there on a resume.</param>
/// <param name="CheckpointStep">
/// The step of the run's last checkpoint as its grain recorded it; -1 for none. A trainer reads its checkpoint from
/// <see cref="CheckpointFolder"/>; a simulated one, which writes no files, resumes from here.
/// </param>
public sealed record RunContext(RunSpec Spec, int Attempt, string Worker, string Device, string CheckpointFolder, RunLog Log, IRunReporter Reporter,
    int ReportedStep = -1, CancellationToken Shutdown = default, double EarlierSeconds = 0, int CheckpointStep = -1);

/// <summary>Reports from a training thread; never blocks training on the network.</summary>
public interface IRunReporter
{
    void Progress(int step, int maxIters, IReadOnlyList<MetricPoint> points);
    void Checkpoint(int step);

    /// <summary>
    /// The attempt continues from the checkpoint at <paramref name="step"/>; <paramref name="reachedBefore"/> is how far
    /// the last attempt to train got (the run folder's <see cref="StepReachedMark"/>), null when that is unknown.
    /// </summary>
    void Resumed(int step, StepReached? reachedBefore);

    /// <summary>Training is paused by its storage, for <paramref name="reason"/>; null when it resumed.</summary>
    void Waiting(string? reason);

    /// <summary>What the attempt's trial process used (peak memory, CPU time), once it is over: only a process of its own can tell.</summary>
    void Usage(AttemptUsage usage);
}

/// <summary>
/// Trains one leased run to completion on the calling (dedicated) thread. Returns how it ended, or null
/// when <paramref name="cancel"/> fired because the lease was lost or the run was stopped elsewhere, or
/// when <see cref="RunContext.Shutdown"/> fired and the run was checkpointed to be handed back.
/// </summary>
public interface IRunExecutor
{
    RunOutcome? Execute(RunContext context, CancellationToken cancel);
}
