namespace MinRnnLab.Abstractions;

/// <summary>
/// One training run, keyed by "{sweepId}/{trialIndex}". Holds the frozen spec and the lifecycle; step-level
/// metrics go to the metrics store, not to grain state.
/// </summary>
public interface IRunGrain : IGrainWithStringKey
{
    /// <summary>Stores the spec and queues the run. Calling it again with the same spec does nothing.</summary>
    Task Create(RunSpec spec);

    /// <summary>The frozen spec; null when no such run was created.</summary>
    Task<RunSpec?> GetSpec();

    /// <summary>Lifecycle state, attempt, worker, checkpoint and best metrics; null when no such run was created.</summary>
    Task<RunStatus?> GetStatus();

    /// <summary>
    /// A worker holding the lease begins an attempt; returns the attempt number (1, 2, ...). Throws
    /// InvalidOperationException when the run is unknown, finished or already running.
    /// </summary>
    Task<int> Start(string worker);

    /// <summary>
    /// Records a batch of metrics from the worker's attempt; answers whether to keep training. A run stopped
    /// (cancelled or pruned) during this attempt still records the batch — it is the last evaluation before the
    /// stop — and answers Stop. Answers Wait, storing nothing, when the metrics store refuses the batch for a storage
    /// fault (a full disk): the run then shows "waiting: disk full at …" until a batch is stored again.
    /// <paramref name="trainingSeconds"/> is how long this attempt has trained so far.
    /// </summary>
    Task<RunCommand> ReportProgress(int attempt, int step, int maxIters, MetricPoint[] points, double trainingSeconds);

    /// <summary>Records that a checkpoint at <paramref name="step"/> is safely stored.</summary>
    Task ReportCheckpoint(int attempt, int step);

    /// <summary>
    /// The worker's attempt ended: succeeded, diverged or failed; or, for a run stopped during this attempt, the
    /// worker acknowledges the stop (outcome Cancelled), adding its steps and training time up to the stop.
    /// </summary>
    Task Complete(int attempt, RunOutcome outcome);

    /// <summary>
    /// The lease held by <paramref name="worker"/> expired. Returns true when the run should go back to the queue
    /// (to resume from its last checkpoint), false when it is finished, already moved on, or unknown.
    /// </summary>
    Task<bool> Preempt(string worker, string reason);

    /// <summary>
    /// The worker's attempt failed without an outcome: its trial process died (a native crash, an out-of-memory kill,
    /// a signal) or the attempt threw what nobody planned for. The attempt ends Failed with <paramref name="reason"/>.
    /// Returns true when the run should go back to the queue to resume from its checkpoint; false once the attempts
    /// used up max_restarts (the run ends Failed, naming the cause) or when the run already moved on. Unlike
    /// <see cref="HandBack"/>, this counts against max_restarts.
    /// </summary>
    Task<bool> Retry(string worker, string reason);

    /// <summary>
    /// Records what attempt <paramref name="attempt"/>'s trial process used (peak memory, CPU time), whenever it
    /// arrives: the attempt may already have ended, or the run been stopped.
    /// </summary>
    Task ReportUsage(int attempt, AttemptUsage usage);

    /// <summary>
    /// The worker's attempt is paused by its storage (a full disk, say) and waits to resume from its last good
    /// checkpoint: <paramref name="reason"/> ("waiting: disk full at …") shows in the status; null means it resumed.
    /// </summary>
    Task ReportWaiting(int attempt, string? reason);

    /// <summary>
    /// The worker gives the run back unfinished with its checkpoint saved (its silo is stopping). Like
    /// <see cref="Preempt"/> the run waits to resume, but this does not count against max_restarts. Returns true
    /// when the run should go back to the queue.
    /// </summary>
    Task<bool> HandBack(string worker, string reason);

    /// <summary>
    /// Its sweep was paused: a queued run leaves the queue, a running one asks its worker to checkpoint and hand it
    /// back (its trial process gets SIGTERM, then SIGKILL after the grace period). Either way it ends Paused, and
    /// stays so until <see cref="Resume"/>. Does nothing to a finished, paused or unknown run.
    /// </summary>
    Task Pause();

    /// <summary>Its sweep resumed: a paused run goes back in the queue, to resume from its checkpoint.</summary>
    Task Resume();

    /// <summary>
    /// Stops the run for good as cancelled (by a user), pruned (by early stopping) or succeeded (by a patience rule:
    /// its best is behind it). Does nothing to a finished or unknown run.
    /// </summary>
    Task Stop(RunState finalState, string reason);

    /// <summary>Stored metrics of the run, optionally only one name (e.g. "val_loss"); null when no such run was created.</summary>
    Task<MetricPoint[]?> GetMetrics(string? name = null);

    /// <summary>
    /// Records that the worker's attempt continues from the checkpoint at <paramref name="step"/> rather than
    /// from step 0 (the worker knows which checkpoint it found on disk; the grain only knows what was reported).
    /// <paramref name="reachedBefore"/>, when known, is how far an earlier attempt trained before it was killed: that
    /// attempt's last step becomes it, so the steps this one trains again are counted (<see cref="RunAttempt.LastStep"/>).
    /// </summary>
    Task ReportResume(int attempt, int step, StepReached? reachedBefore);

    /// <summary>
    /// Applies <paramref name="edit"/> to the run's display name, tags and notes in one turn, stores them and hands them to
    /// its sweep's trial row. Returns the labels afterwards, or null (storing nothing) for an unknown run. Throws
    /// ArgumentException naming the tag, note or name and the rule it breaks (MinRnnLab.Config.LabelRules), storing nothing.
    /// </summary>
    Task<Labels?> EditLabels(LabelEdit edit);

    /// <summary>
    /// First step of deleting the run, called by its sweep: stops it as cancelled if it is not finished, and marks it
    /// deleting, so reports of its worker are refused from now on (a late one cannot write metrics back). Returns the
    /// status afterwards; null for an unknown run.
    /// </summary>
    Task<RunStatus?> BeginDelete();

    /// <summary>Last step of deleting the run, called by its sweep once its files and metrics are gone: forgets its state.</summary>
    Task Forget();

    /// <summary>
    /// Every attempt at the run, oldest first: worker, start and end, outcome, resumed-from and checkpoint steps.
    /// Runs stored before attempts were recorded return none; an unknown run returns null.
    /// </summary>
    Task<RunAttempt[]?> GetAttempts();
}
