namespace MinRnnLab.Abstractions;

/// <summary>
/// One worker's go at a run, from its start to how it ended. A run preempted once has two: the first ended
/// Preempted (lease lost), the second resumed from the checkpoint the first left.
/// </summary>
/// <param name="Number">1, 2, ...: the attempt number that guards the worker's reports.</param>
/// <param name="Worker">"{machine}-{pid}-{nonce}/{device}#{slot}": the silo and device slot that trained it.</param>
/// <param name="Outcome">How it ended (Succeeded, Failed, Diverged, Preempted, Cancelled, Pruned); null while running.</param>
/// <param name="Reason">Why it ended that way: the error, or whose lease expired.</param>
/// <param name="ResumedFromStep">The checkpoint step it continued from; null when it trained from step 0.</param>
/// <param name="LastStep">
/// The furthest step it reported, or that the attempt after it found it had trained to (a kill ends an attempt between
/// reports: see <see cref="IRunGrain.ReportResume"/>).
/// </param>
/// <param name="CheckpointSteps">Steps at which it saved a checkpoint, in order (only the latest is kept on disk).</param>
/// <param name="TrainingSeconds">
/// Seconds it trained, as of its last report: an attempt killed mid-run keeps the time it reported before it died.
/// </param>
/// <param name="Usage">
/// Peak memory and CPU time of the attempt's trial process; null while it runs, when it trained inside its silo's
/// process (the in-process executor cannot tell one trial's memory from another's), and in state stored before this.
/// </param>
[GenerateSerializer, Immutable, Alias("MinRnnLab.RunAttempt")]
public sealed record RunAttempt(
    [property: Id(0)] int Number,
    [property: Id(1)] string Worker,
    [property: Id(2)] DateTimeOffset StartedAt,
    [property: Id(3)] DateTimeOffset? EndedAt,
    [property: Id(4)] RunState? Outcome,
    [property: Id(5)] string? Reason,
    [property: Id(6)] int? ResumedFromStep,
    [property: Id(7)] int LastStep,
    [property: Id(8)] int[] CheckpointSteps,
    [property: Id(9)] double TrainingSeconds = 0,
    [property: Id(10)] AttemptUsage? Usage = null);
