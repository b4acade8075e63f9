using MinRnnLab.Abstractions;
using MinRnnLab.Storage;
using Microsoft.Extensions.Logging;

namespace MinRnnLab.Grains;

/// <summary>
/// Deleting a sweep or one of its runs, as a recorded, idempotent sequence: (1) the intent is stored (the sweep's
/// state Deleting, or the run in DeletingRuns), (2) each run is stopped and marked deleting, its files, metrics and
/// state removed, (3) the trial rows, the sweep's place in the list and its state go last. Every step can run again,
/// so a silo killed anywhere leaves a sweep that shows "Deleting" and finishes on its next activation.
/// </summary>
public sealed partial class SweepGrain
{
    private IGrainTimer? finishDeleting;

    public async Task<DeleteResult?> Delete()
    {
        if (!Exists)
            return null;
        if (S.State != SweepState.Deleting)
        {
            S.State = SweepState.Deleting;                                              // first, and stored: a restart finishes it
            await state.WriteStateAsync();
        }
        return await FinishDeletingSweep();
    }

    public async Task<DeleteResult?> DeleteRun(string runId)
    {
        if (!Exists || (Trials.Find(runId) is null && !S.DeletingRuns.Contains(runId)))
            return null;
        if (S.State == SweepState.Deleting)
            return await DeleteRunData(runId);                                          // the sweep's delete takes the rest
        if (!S.DeletingRuns.Contains(runId))
        {
            S.DeletingRuns.Add(runId);
            await state.WriteStateAsync();
        }
        var result = await FinishDeletingRun(runId);
        await FillSlots();                                                              // a deleted trial in flight frees its slot
        return result;
    }

    private bool IsDeleting(string runId) => S.State == SweepState.Deleting || S.DeletingRuns.Contains(runId);

    /// <summary>On activation: a delete that a dead silo began is finished soon, by a timer, so the activation itself cannot fail on it.</summary>
    private void ResumeDeletingIfBegun()
    {
        if (S.State != SweepState.Deleting && S.DeletingRuns.Count == 0)
            return;
        var retry = TimeSpan.FromSeconds(30);
        finishDeleting = this.RegisterGrainTimer(async _ =>
        {
            try
            {
                if (S.State == SweepState.Deleting)
                    await FinishDeletingSweep();
                else
                    foreach (var runId in S.DeletingRuns.ToList())
                        await FinishDeletingRun(runId);
                finishDeleting?.Dispose();
            }
            catch (Exception e)
            {
                logger.LogWarning("sweep {Sweep}: finishing its delete failed, retrying in {Retry}: {Error}", SweepId, retry, e.Message);
            }
        }, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), retry) { Interleave = false, KeepAlive = true });
    }

    private async Task<DeleteResult> FinishDeletingSweep()
    {
        var total = new DeleteResult(SweepId, 0, 0, 0);
        foreach (var runId in Trials.All.Select(t => t.RunId).Union(S.DeletingRuns).ToList())
            total = total.Plus(await DeleteRunData(runId), SweepId);
        await trialStore.DeleteAsync(SweepId);
        await GrainFactory.GetGrain<ISweepRegistryGrain>(0).Unregister(SweepId);
        await state.ClearStateAsync();
        (trials, evaluations) = (null, null);
        suggested.Clear();
        finishDeleting?.Dispose();
        DeactivateOnIdle();
        logger.LogInformation("sweep {Sweep} deleted: {Runs} runs, {Bytes} bytes of files and {Points} metric points removed",
            SweepId, total.Runs, total.BytesFreed, total.MetricPoints);
        return total;
    }

    private async Task<DeleteResult> FinishDeletingRun(string runId)
    {
        var result = await DeleteRunData(runId);
        var index = TrialIndexOf(runId);
        await trialStore.DeleteAsync(SweepId, [index]);
        Trials.Remove(runId);
        if (!S.DeletedTrials.Contains(index))
            S.DeletedTrials.Add(index);
        S.DeletingRuns.Remove(runId);
        await state.WriteStateAsync();
        return result;
    }

    /// <summary>Stops the run, then removes its files, its metric points and summaries, and its state; each step may run again.</summary>
    private async Task<DeleteResult> DeleteRunData(string runId)
    {
        var run = GrainFactory.GetGrain<IRunGrain>(runId);
        await run.BeginDelete();                                                        // null for a trial whose run was never created
        var bytes = await Task.Run(() => RunFolderDeletion.Delete(paths, runId));
        var points = await metrics.DeleteAsync([runId]);
        await run.Forget();
        DeleteDrill.RunDeleted();
        return new DeleteResult(runId, 1, bytes, points);
    }

    private int TrialIndexOf(string runId) => int.Parse(runId[(SweepId.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
