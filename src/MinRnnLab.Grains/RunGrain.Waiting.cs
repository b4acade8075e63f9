using MinRnnLab.Abstractions;
using MinRnnLab.Storage;

namespace MinRnnLab.Grains;

/// <summary>
/// A run paused by its storage: a full disk under its checkpoints (the worker says so) or under its metrics (the
/// metrics store refuses a batch here). Either way the attempt and its lease stay, the status says why it waits,
/// and it goes on when the storage takes writes again: a wait is not a restart.
/// </summary>
public sealed partial class RunGrain
{
    public async Task ReportWaiting(int attempt, string? reason)
    {
        if (!Exists || attempt != S.Attempt || S.State != RunState.Running || S.Reason == reason)
            return;
        S.Reason = reason;
        await RecordChange();
    }

    /// <summary>
    /// Stores a batch of the running attempt. Null when the store refused it for a storage fault: nothing of it is
    /// stored and the run now waits (the worker keeps the batch, pauses, and sends it again). Otherwise whether this
    /// batch ended such a wait — its state change is written with the batch's.
    /// </summary>
    private async Task<bool?> StoreMetrics(MetricPoint[] points)
    {
        try
        {
            await metrics.AppendAsync(Spec.RunId, points.Select(p => (p.Step, p.Name, p.Value)).ToList());
        }
        catch (Exception e) when (S.State == RunState.Running && StorageFaults.Classify(e) is { } fault)
        {
            await WaitForMetricsStore(fault, e);
            return null;
        }
        if (S.MetricsWaitingSince is not { } since)
            return false;
        S.MetricsWaitingSince = null;
        S.Reason = null;
        Log($"metrics store writable again after {(DateTimeOffset.UtcNow - since).TotalSeconds:F0} s; storing the kept evaluations, training goes on");
        return true;
    }

    /// <summary>Says once per episode, in the status, the UI and the run's log, that the run waits for its metrics store.</summary>
    private async Task WaitForMetricsStore(string fault, Exception e)
    {
        if (S.MetricsWaitingSince is not null)
            return;                                                                     // a retry of the same episode
        var since = DateTimeOffset.UtcNow;
        S.MetricsWaitingSince = since;
        S.Reason = $"waiting: {fault} at {metrics.Location} since {since:HH:mm:ss}Z ({e.Message}); " +
                   "training is paused and its evaluations are kept until they are stored";
        Log(S.Reason);
        try
        {
            await RecordChange();
        }
        catch (Exception again) when (again is not OperationCanceledException)
        {
            // The same full disk may hold the grain state and the sweep's: the status is still answered from memory,
            // and the batch that ends the wait announces the run again. The answer must stay Wait, not an error.
        }
    }

    private void Log(string line) => new RunLog(paths.RunLogFile(Spec.RunId)).Write(line);
}
