using MinRnnLab.Abstractions;
using Microsoft.Extensions.Logging;

namespace MinRnnLab.Grains;

/// <summary>
/// A trial whose run was never created (its Create failed: a state write refused, a silo lost mid-call) would wait
/// forever: no worker can train a run without its spec, and no run would ever report back. So every lease period
/// the sweep asks its trials in flight whether their runs exist, creates the missing ones again, and fails a trial
/// with its cause once <see cref="MaxCreateAttempts"/> creations of its run have failed.
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
        foreach (var trial in Trials.InFlight)
            if (await GrainFactory.GetGrain<IRunGrain>(trial.RunId).GetSpec() is null)
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
}
