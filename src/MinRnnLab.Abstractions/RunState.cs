namespace MinRnnLab.Abstractions;

/// <summary>Where a training run is in its life. Failed, diverged, pruned, cancelled and preempted are kept distinct.</summary>
[GenerateSerializer, Alias("MinRnnLab.RunState")]
public enum RunState
{
    /// <summary>Waiting for a free device.</summary>
    Queued,
    /// <summary>Leased to a device worker and training.</summary>
    Running,
    /// <summary>Trained to max_iters, or stopped by a patience rule once its best evaluation was behind it (its reason says so).</summary>
    Succeeded,
    /// <summary>An error stopped it, or it was preempted more than max_restarts times.</summary>
    Failed,
    /// <summary>The loss became NaN or infinite.</summary>
    Diverged,
    /// <summary>Stopped early by the sweep's early-termination rule (median or asha) for falling behind other runs.</summary>
    Pruned,
    /// <summary>Stopped by a user.</summary>
    Cancelled,
    /// <summary>
    /// Its worker's lease expired (the machine died), its silo handed it back on shutdown, or its last attempt failed
    /// with restarts left (its trial process died); it waits in the queue to resume from its checkpoint.
    /// </summary>
    Preempted,
    /// <summary>
    /// Its sweep is paused: out of the queue, its trial process (if it was training) stopped after a checkpoint. It
    /// resumes from that checkpoint when the sweep resumes.
    /// </summary>
    Paused,
}

public static class RunStates
{
    /// <summary>True for states a run never leaves.</summary>
    public static bool IsFinal(this RunState state) =>
        state is RunState.Succeeded or RunState.Failed or RunState.Diverged or RunState.Pruned or RunState.Cancelled;
}
