using MinRnnLab.Abstractions;

namespace MinRnnLab.Grains;

/// <summary>
/// An attempt that ends unfinished: the run waits in the queue to resume from its checkpoint. Whether that uses up
/// one of its max_restarts depends on whose fault it was: a failed attempt (its trial process died, or training threw
/// what nobody planned for) counts; a silo handing the run back on shutdown does not, nor does a lost lease — the
/// silo that held it died or stopped answering (`kill -9` of the platform), which is a preemption, not the trial's
/// failure. A trial is supervised in a process of its own, so its own death is a failed attempt, never a lost lease.
/// </summary>
public sealed partial class RunGrain
{
    /// <summary>
    /// Lost leases after which a run fails anyway: a trial trained in its silo's own process (`Lab:Executor torch`)
    /// that crashes that process would otherwise take every silo that leases it down, for ever.
    /// </summary>
    public const int MaxLostLeases = 10;

    public async Task<bool> Preempt(string worker, string reason)
    {
        if (!Exists)
            return false;                                                               // nothing to resume: drop the lease
        if (S.State == RunState.Queued || S.State == RunState.Preempted)
            return true;                                                                // leased but never started: just re-queue
        if (S.State != RunState.Running || S.Worker != worker)
            return false;
        S.LostLeases++;
        if (S.LostLeases > MaxLostLeases)
        {
            EndAttempt(RunState.Preempted, reason);
            var failure = $"{reason}; gave up after losing its worker {S.LostLeases} times (each silo that trained it died or stopped answering)";
            Log($"failed: {failure}");
            await Finish(RunState.Failed, failure);
            return false;
        }
        EndAttempt(RunState.Preempted, reason);
        return await WaitInQueue($"{reason}: preempted, not counted against max_restarts");
    }

    public async Task<bool> Retry(string worker, string reason)
    {
        if (!Exists || S.State != RunState.Running || S.Worker != worker)
            return false;                                                               // stopped or moved on meanwhile
        return await Restart(RunState.Failed, reason);
    }

    public async Task<bool> HandBack(string worker, string reason)
    {
        if (!Exists)
            return false;
        if (S.State != RunState.Running || S.Worker != worker)
            return S.State is RunState.Queued or RunState.Preempted;
        EndAttempt(RunState.Preempted, reason);
        S.HandedBack++;
        return await WaitInQueue(reason);
    }

    /// <summary>
    /// Ends the running attempt as <paramref name="attemptOutcome"/>, counted against max_restarts: back to the queue
    /// (true), or failed for good once they are used up (false).
    /// </summary>
    private async Task<bool> Restart(RunState attemptOutcome, string reason)
    {
        EndAttempt(attemptOutcome, reason);                                             // the run itself may still fail below
        if (S.Attempt - S.HandedBack - S.LostLeases > Spec.MaxRestarts)
        {
            var failure = $"{reason}; gave up after {S.Attempt - S.HandedBack - S.LostLeases} failed attempts (max_restarts {Spec.MaxRestarts})";
            Log($"failed: {failure}");                                                  // its worker may be gone and cannot say so
            await Finish(RunState.Failed, failure);
            return false;
        }
        return await WaitInQueue(reason);
    }

    /// <summary>
    /// An attempt ended unfinished: the run waits in the queue to resume (true), or, when its sweep was paused
    /// meanwhile, waits Paused out of it until the sweep resumes (false).
    /// </summary>
    private async Task<bool> WaitInQueue(string reason)
    {
        if (S.PauseRequested)
        {
            (S.State, S.Worker, S.Reason, S.PauseRequested) = (RunState.Paused, null, $"{reason}; paused with its sweep", false);
            await RecordChange();
            return false;
        }
        (S.State, S.Worker, S.Reason) = (RunState.Preempted, null, reason);
        await RecordChange();
        return true;
    }
}
