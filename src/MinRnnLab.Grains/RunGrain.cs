using System.Text.Json;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Grains.Live;
using MinRnnLab.Storage;
using Orleans.Concurrency;

namespace MinRnnLab.Grains;

/// <summary>
/// One training run. Guards every worker report with the attempt number, so a worker that lost its lease
/// (a silo thought dead) cannot overwrite what the next attempt records.
/// </summary>
public sealed partial class RunGrain(
    [PersistentState("run", LabStorage.Name)] IPersistentState<RunGrainState> state,
    IMetricsStore metrics,
    LiveFeed live,
    LabPaths paths) : Grain, IRunGrain, IIncomingGrainCallFilter
{
    private RunGrainState S => state.State;
    private RunSpec Spec => S.Spec ?? throw new InvalidOperationException($"run {this.GetPrimaryKeyString()} was never created");

    // Made once per activation: Orleans' GetGrain reads the interface's attributes on every call, which was about 5 %
    // of a no-op trial's CPU when every evaluation made a new reference (docs/scale.md).
    private ISweepGrain? sweep;
    private ISweepGrain Sweep => sweep ??= GrainFactory.GetGrain<ISweepGrain>(Spec.SweepId);
    private RunQueue? queue;
    private RunQueue Queue => queue ??= GrainFactory.RunQueue();

    public async Task Create(RunSpec spec)
    {
        if (S.Spec is not null)
        {
            // A creation that failed after its state write (the queue's silo lost mid-call) left a run no worker can
            // lease: the sweep creates it again, and a run still waiting is queued again (a queued or leased run
            // is left as it is by the queue).
            if (S.State == RunState.Queued)
                await Queue.Enqueue(S.Spec.RunId, S.Spec.DeviceKind);
            return;
        }
        S.Spec = spec;
        S.State = RunState.Queued;
        await StoreAndPublish();
        await Queue.Enqueue(spec.RunId, spec.DeviceKind);
    }

    [ReadOnly]
    public Task<RunSpec?> GetSpec() => Task.FromResult(S.Spec);

    [ReadOnly]
    public Task<RunStatus?> GetStatus() => Task.FromResult(Exists ? Status() : null);

    public async Task<Labels?> EditLabels(LabelEdit edit)
    {
        if (!Exists)
            return null;
        S.Labels = LabelEditing.Apply(S.Labels ?? Labels.None, edit);                   // throws before anything changes
        await state.WriteStateAsync();                                                  // a failed write is undone by Invoke below
        // The sweep's trial row carries the labels too: its grid, exports and filters read rows, not every run.
        await Sweep.OnRunLabelled(Spec.RunId, S.Labels);
        return S.Labels;
    }

    public async Task<int> Start(string worker)
    {
        if (!Exists)
            throw new InvalidOperationException(NotFound.Run(this.GetPrimaryKeyString()));
        if (S.State.IsFinal() || S.Deleting || S.State == RunState.Paused)
            throw new InvalidOperationException($"run {Spec.RunId} is {(S.Deleting ? "being deleted" : S.State)} and cannot start");
        // The queue leases a run to one worker at a time, so a run still Running here is one whose last attempt
        // ended without being recorded (its grain's state write failed): close that attempt rather than refuse forever.
        if (S.State == RunState.Running)
            EndAttempt(RunState.Preempted, "its end was never recorded");
        S.Attempt++;
        (S.State, S.Worker, S.Reason, S.MetricsWaitingSince) = (RunState.Running, worker, null, null);
        S.StartedAt ??= DateTimeOffset.UtcNow;
        S.Attempts.Add(new RunAttempt(S.Attempt, worker, DateTimeOffset.UtcNow, null, null, null, null, 0, []));
        await RecordChange();
        return S.Attempt;
    }

    public async Task<RunCommand> ReportProgress(int attempt, int step, int maxIters, MetricPoint[] points, double trainingSeconds)
    {
        if (!AcceptsReportsFrom(attempt))
            return RunCommand.Stop;
        if (await StoreMetrics(points) is not { } endedAWait)
            return RunCommand.Wait;
        S.LastStep = Math.Max(S.LastStep, step);
        UpdateAttempt(a => a with { LastStep = Math.Max(a.LastStep, step) });
        RecordTrainingTime(trainingSeconds);
        var numbersBefore = (S.BestMetric, S.StepsToTarget);
        TakeEvaluations(points.Where(p => p.Name == Spec.Objective.Name));
        // The points are stored (above): they, not this grain's copy of their numbers, are what survives a kill -9. So an
        // evaluation writes no state (it was 10 of a no-op trial's 18 writes); checkpoints, state changes and deactivation
        // do, and an activation catches up from the metrics store (RunGrain.Evaluations.cs). Ending a wait is a state change.
        if (endedAWait)
            await state.WriteStateAsync();
        else
            evaluationsUnwritten = true;
        Publish(points, maxIters);
        // The sweep keeps a running trial's numbers in memory for its status and pages: a new best goes to it now, not at
        // the trial's next change of state, which at the paper's size is hours away.
        if (endedAWait || numbersBefore != (S.BestMetric, S.StepsToTarget))
            await Sweep.OnRunUpdated(Status());
        if (S.State != RunState.Running)
        {
            await AnnounceLateReport();
            return RunCommand.Stop;
        }
        if (Spec.EvaluationsJudged is not false)
            foreach (var evaluation in points.GroupBy(p => p.Step).OrderBy(g => g.Key))    // a batch may hold several
                await Sweep.OnRunEvaluated(Spec.RunId, Spec.TrialIndex, evaluation.Key, [.. evaluation]);
        return RunCommand.Continue;
    }

    public async Task ReportCheckpoint(int attempt, int step)
    {
        if (!AcceptsReportsFrom(attempt))
            return;
        S.LastCheckpointStep = step;
        // A stop checkpoints the step in flight, past the last evaluation: the attempt trained to here.
        UpdateAttempt(a => a with { CheckpointSteps = [.. a.CheckpointSteps, step], LastStep = Math.Max(a.LastStep, step) });
        await state.WriteStateAsync();
    }

    public async Task ReportResume(int attempt, int step, StepReached? reachedBefore)
    {
        if (attempt != S.Attempt || S.State != RunState.Running || !Exists)
            return;
        S.LastCheckpointStep = step;                                                    // it is on disk, reported or not
        UpdateAttempt(a => a with { ResumedFromStep = step, LastStep = Math.Max(a.LastStep, step) });
        CreditStepsReached(reachedBefore);
        await state.WriteStateAsync();
    }

    /// <summary>
    /// An earlier attempt killed between reports trained past its last one: the steps it reached (found in the run's
    /// folder by the attempt resuming now) become its last step, so the report counts what the kill lost. A worker's
    /// numbers: only an earlier attempt of this run, and no further than the run can train.
    /// </summary>
    private void CreditStepsReached(StepReached? reached)
    {
        if (reached is null || reached.Attempt >= S.Attempt || reached.Step < 0)
            return;
        var index = S.Attempts.FindIndex(a => a.Number == reached.Attempt);
        if (index < 0)
            return;
        var step = Math.Min(reached.Step, Spec.Config.Train.MaxIters);
        S.Attempts[index] = S.Attempts[index] with { LastStep = Math.Max(S.Attempts[index].LastStep, step) };
    }

    public async Task Complete(int attempt, RunOutcome outcome)
    {
        if (!AcceptsReportsFrom(attempt))
            return;
        if (!RecordTrainingTime(outcome.TrainingSeconds))
            S.TrainingSeconds += outcome.TrainingSeconds;                               // state stored before attempts were recorded
        S.FinalValLoss = outcome.FinalValLoss ?? S.FinalValLoss;
        S.LastStep = Math.Max(S.LastStep, outcome.Steps);
        UpdateAttempt(a => a with { LastStep = Math.Max(a.LastStep, outcome.Steps) });
        if (S.State != RunState.Running)
        {
            // The worker acknowledges a stop: its numbers count, the run stays cancelled or pruned.
            await state.WriteStateAsync();
            await AnnounceLateReport();
            return;
        }
        await Finish(outcome.State, outcome.Reason);
        await Queue.Release(Spec.RunId, S.Worker ?? "");
    }

    public async Task Stop(RunState finalState, string reason)
    {
        if (!Exists || S.State.IsFinal())
            return;
        var wasQueued = S.State is RunState.Queued or RunState.Preempted or RunState.Paused;
        await Finish(finalState, reason);
        // A queued run leaves the queue; a running one loses its lease, and its worker stops at the next heartbeat.
        await (wasQueued ? Queue.Remove(Spec.RunId) : Queue.Release(Spec.RunId, S.Worker ?? ""));
    }

    public async Task<RunStatus?> BeginDelete()
    {
        if (!Exists)
            return null;
        if (!S.State.IsFinal())
            await Stop(RunState.Cancelled, "deleted");
        if (!S.Deleting)
        {
            S.Deleting = true;
            await StoreAndPublish();
        }
        return Status();
    }

    public async Task Forget()
    {
        if (S.Spec is { } spec)
            await Queue.Remove(spec.RunId);          // in case a stop never reached the queue
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }

    public async Task ReportUsage(int attempt, AttemptUsage usage)
    {
        var index = S.Attempts.FindIndex(a => a.Number == attempt);
        if (!Exists || index < 0)
            return;                                                                     // state stored before attempts were recorded
        S.Attempts[index] = S.Attempts[index] with { Usage = usage };
        await StoreAndPublish();                                                        // the run's page shows it without a reload
    }

    [ReadOnly]
    public Task<RunAttempt[]?> GetAttempts() => Task.FromResult(Exists ? S.Attempts.ToArray() : null);

    [ReadOnly]
    public async Task<MetricPoint[]?> GetMetrics(string? name = null) => Exists
        ? (await metrics.ReadAsync(Spec.RunId, name)).Select(m => new MetricPoint(m.Step, m.Name, m.Value)).ToArray()
        : null;

    /// <summary>False for an id no sweep ever created: such a run answers "not found" and stores nothing.</summary>
    private bool Exists => S.Spec is not null;

    /// <summary>
    /// Reports count from the attempt that is running, and from the attempt a stop (cancel, prune) interrupted:
    /// what that worker measured up to the stop — its last evaluation, its training time — is part of the run.
    /// </summary>
    private bool AcceptsReportsFrom(int attempt) =>
        Exists && !S.Deleting && attempt == S.Attempt && (S.State == RunState.Running || StoppedDuringCurrentAttempt);

    private bool StoppedDuringCurrentAttempt =>
        S.State is RunState.Cancelled or RunState.Pruned
        && S.Attempts.Count > 0 && S.Attempts[^1].Number == S.Attempt && S.Attempts[^1].Outcome == S.State;

    /// <summary>
    /// The current attempt has trained <paramref name="attemptSeconds"/> so far. The run's time is the sum over its
    /// attempts, so an attempt killed mid-run keeps what it reported. False for state stored before attempts were recorded.
    /// </summary>
    private bool RecordTrainingTime(double attemptSeconds)
    {
        if (!UpdateAttempt(a => a with { TrainingSeconds = Math.Max(a.TrainingSeconds, attemptSeconds) }))
            return false;
        S.TrainingSeconds = S.Attempts.Sum(a => a.TrainingSeconds);
        return true;
    }

    /// <summary>A stopped run's numbers changed after its stop: the sweep's trial row and the stored curve summary follow.</summary>
    private async Task AnnounceLateReport()
    {
        await Sweep.OnRunUpdated(Status());
        await GrainFactory.GetGrain<IMetricsReaderGrain>(0).Summarize([Spec.RunId]);
    }

    private async Task Finish(RunState final, string? reason)
    {
        (S.State, S.Reason, S.FinishedAt) = (final, reason, DateTimeOffset.UtcNow);
        EndAttempt(final, reason);
        await RecordChange();
        // The curves are final now: thin and store them once, so sweep pages never read this run's every step.
        await GrainFactory.GetGrain<IMetricsReaderGrain>(0).Summarize([Spec.RunId]);
    }

    /// <summary>
    /// Records a change of the run's lifecycle in the one order every change takes: stored first (the truth), then the
    /// live news for subscribers, then the sweep's trial row.
    /// </summary>
    private async Task RecordChange()
    {
        await StoreAndPublish();
        await Sweep.OnRunUpdated(Status());
    }

    /// <summary>
    /// Stores the state, then tells subscribers: the first half of <see cref="RecordChange"/>, alone for the changes
    /// the sweep's trial row does not show (a new run the sweep is creating, a delete the sweep began, an attempt's usage).
    /// </summary>
    private async Task StoreAndPublish()
    {
        await state.WriteStateAsync();
        Publish([]);
    }

    /// <summary>Changes the current attempt's entry; state stored before attempts were recorded has none to change.</summary>
    private bool UpdateAttempt(Func<RunAttempt, RunAttempt> change)
    {
        if (S.Attempts.Count == 0 || S.Attempts[^1].Number != S.Attempt)
            return false;
        S.Attempts[^1] = change(S.Attempts[^1]);
        return true;
    }

    /// <summary>Closes the current attempt with how it ended, unless it is already closed (a preempted run stopped while queued).</summary>
    private void EndAttempt(RunState outcome, string? reason) =>
        UpdateAttempt(a => a.EndedAt is null ? a with { EndedAt = DateTimeOffset.UtcNow, Outcome = outcome, Reason = reason } : a);

    /// <summary>
    /// Live news of what was just stored, for subscribers: handed to the silo's feed, never awaited, so a full or
    /// slow stream can neither fail nor delay a lifecycle step (the state write before it is the truth).
    /// </summary>
    private void Publish(MetricPoint[] points, int maxIters = 0) =>
        live.Post(new RunProgress(Spec.RunId, S.State, S.LastStep, maxIters, points, S.BestMetric), Spec.SweepId);

    /// <summary>
    /// A call that fails may have changed the state in memory without storing it (a full disk fails the write):
    /// the state goes back to what it was, so a retry (a worker delivering Complete again) redoes the change, its
    /// write and what follows it, instead of finding it done in memory only. The grain stays active, so readers are
    /// still answered from memory while the database is down. The state is small: copying it costs microseconds.
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var before = JsonSerializer.SerializeToUtf8Bytes(state.State);
        try
        {
            await context.Invoke();
        }
        catch
        {
            state.State = JsonSerializer.Deserialize<RunGrainState>(before)!;
            throw;
        }
    }

    private RunStatus Status() => new(this.GetPrimaryKeyString(), S.Spec?.SweepId ?? "", S.Spec?.Arch ?? "", S.State, S.Attempt,
        S.Worker, S.LastStep, S.LastCheckpointStep, S.BestMetric, S.BestStep, S.StepsToTarget, S.FinalValLoss, S.Reason,
        S.StartedAt, S.FinishedAt, S.TrainingSeconds)
    {
        Labels = S.Labels ?? Labels.None,
        Deleting = S.Deleting,
    };
}
