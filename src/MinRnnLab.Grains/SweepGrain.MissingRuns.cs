using MinRnnLab.Abstractions;
using Microsoft.Extensions.Logging;

namespace MinRnnLab.Grains;

/// <summary>
/// A trial whose run was never created (its Create failed: a state write refused, a silo lost mid-call) would wait
/// forever: no worker can train a run without its spec, or one that is not in the queue, and no run would ever report
/// back. So every lease period the sweep creates the runs of its trials not seen started again (see
/// <see cref="RunGrain.Create"/>: it also queues a stored run the queue never got), and fails a trial
/// with its cause once <see cref="MaxCreateAttempts"/> creations of its run have failed. A creation that failed because
/// the run's silo was unreachable (killed, say) is the cluster's fault, not the trial's: it is tried again without
/// counting, since membership declares a dead silo dead and the run then activates elsewhere. Under load that takes
/// longer than three lease periods, and counting it failed trials of a sweep that was never at fault.
/// </summary>
public sealed partial class SweepGrain
{
    private const int MaxCreateAttempts = 3;
    private readonly Dictionary<int, int> failedCreates = [];                           // trial index → failed creations

    private void WatchForMissingRuns()
    {
        var every = options.Value.LeaseDuration;
        // Not kept alive by the timer: an idle sweep may deactivate, and it checks again when it activates.
        this.RegisterGrainTimer(CreateMissingRuns, new GrainTimerCreationOptions(every, every) { Interleave = false, KeepAlive = false });
    }

    private async Task CreateMissingRuns(CancellationToken cancel)
    {
        if (!Exists || S.State != SweepState.Running)
            return;
        // A trial the sweep has not seen start may have no run, or a run that never reached the queue: Create makes
        // the first and queues the second, and does nothing to a run that is queued, leased or past waiting.
        foreach (var trial in Trials.InFlight.Where(t => t.State == RunState.Queued).ToArray())
            await TryCreateRun(SpecOf(TrialAt(trial.Index)));
        await FillSlots();                                                              // a trial failed here frees its slot
    }

    private async Task TryCreateRun(RunSpec spec)
    {
        try
        {
            await GrainFactory.GetGrain<IRunGrain>(spec.RunId).Create(spec);
            failedCreates.Remove(spec.TrialIndex);
        }
        catch (Exception e) when (IsUnreachableSilo(e))
        {
            logger.LogWarning("sweep {Sweep}: trial {Trial}: its run's silo is unreachable; its creation is tried again: {Cause}",
                SweepId, spec.TrialIndex, e.Message);
        }
        catch (Exception e)
        {
            var attempts = failedCreates[spec.TrialIndex] = failedCreates.GetValueOrDefault(spec.TrialIndex) + 1;
            var cause = $"its run could not be created ({attempts} of {MaxCreateAttempts} attempts): {e.Message}";
            logger.LogWarning("sweep {Sweep}: trial {Trial}: {Cause}", SweepId, spec.TrialIndex, cause);
            if (attempts < MaxCreateAttempts)
                return;                                                                 // the next check tries again
            failedCreates.Remove(spec.TrialIndex);
            if (Trials.Find(spec.RunId) is { } trial)
                await Trials.UpdateAsync(trial with { State = RunState.Failed, Reason = cause }, persist: true);
        }
    }

    /// <summary>Orleans' transient rejections (a dead silo's, SiloUnavailableException among them) and failed connections.</summary>
    private static bool IsUnreachableSilo(Exception e) =>
        e is OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException
        || e.InnerException is { } inner && IsUnreachableSilo(inner);
}
