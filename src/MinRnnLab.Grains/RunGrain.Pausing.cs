using MinRnnLab.Abstractions;

namespace MinRnnLab.Grains;

/// <summary>
/// A run of a paused sweep waits out of the queue. One still waiting leaves the queue at once; one training is handed
/// back by its worker after a checkpoint (the queue tells the worker at its next heartbeat), so pausing loses no step
/// and holds no device. Resuming puts it back in the queue, to continue from that checkpoint.
/// </summary>
public sealed partial class RunGrain
{
    public async Task Pause()
    {
        if (!Exists || S.State.IsFinal() || S.Deleting || S.State == RunState.Paused)
            return;
        if (S.State == RunState.Running)
        {
            if (S.PauseRequested)
                return;
            S.PauseRequested = true;                                                    // see WaitInQueue: the hand back ends Paused
            await state.WriteStateAsync();
            await Queue.RequestHandBack(Spec.RunId);
            Log("pausing with its sweep: its worker checkpoints and hands it back");
            return;
        }
        // Queued or preempted: out of the queue. A worker that leased it meanwhile is refused by Start and lets go.
        (S.State, S.Reason) = (RunState.Paused, "paused with its sweep");
        await RecordChange();
        await Queue.Remove(Spec.RunId);
    }

    public async Task Resume()
    {
        if (!Exists || S.Deleting)
            return;
        if (S.PauseRequested)
        {
            // Resumed before its worker handed it back: the hand back now puts it in the queue instead.
            S.PauseRequested = false;
            await state.WriteStateAsync();
            return;
        }
        if (S.State != RunState.Paused)
            return;
        (S.State, S.Reason) = (RunState.Queued, S.LastCheckpointStep is { } step ? $"resumed with its sweep, from step {step}" : "resumed with its sweep");
        await RecordChange();
        await Queue.Enqueue(Spec.RunId, Spec.DeviceKind);
    }
}
