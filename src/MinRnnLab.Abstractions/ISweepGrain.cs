using Orleans.Concurrency;

namespace MinRnnLab.Abstractions;

/// <summary>One hyperparameter sweep, keyed by its id. It expands trials lazily and keeps at most `parallel` in flight.</summary>
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>Validates a sweep file and, if valid, stores it and starts queuing trials. Nothing is stored on errors.</summary>
    Task<SubmitResult> Submit(string yaml, string fileName);

    /// <summary>Progress by run state and the best metric per architecture; null when no such sweep was submitted.</summary>
    Task<SweepStatus?> GetStatus();

    /// <summary>The trials started so far, with parameters, states and best metrics; null when no such sweep was submitted.</summary>
    Task<TrialInfo[]?> GetTrials();

    /// <summary>
    /// The trials not started yet, so a reader sees the whole plan from the start: grid and random trials come
    /// from the sweep file (at most <paramref name="limit"/>, in order, as queued trials), bayes trials only as a
    /// count because TPE proposes each from the results before it. Empty once cancelled or complete; null when no
    /// such sweep was submitted.
    /// </summary>
    Task<SweepPlan?> GetPlan(int limit);

    /// <summary>The submitted sweep file, verbatim; null when no such sweep was submitted.</summary>
    Task<string?> GetDefinition();

    /// <summary>
    /// Status, trials, plan (at most <paramref name="planLimit"/> upcoming) and sweep file together, so a page opens on
    /// one call; null when no such sweep was submitted.
    /// </summary>
    Task<SweepPage?> GetPage(int planLimit);

    /// <summary>
    /// Cancels every queued and running trial and starts no more. Returns the status afterwards, or null (and
    /// stores nothing) when no such sweep was submitted.
    /// </summary>
    Task<SweepStatus?> Cancel();

    /// <summary>
    /// Starts no new trials, and pauses those in flight (<see cref="IRunGrain.Pause"/>): queued ones leave the queue,
    /// training ones checkpoint and stop. Returns the status afterwards, or null (storing nothing) for an unknown sweep.
    /// </summary>
    Task<SweepStatus?> Pause();

    /// <summary>
    /// Queues its paused trials again, to resume from their checkpoints, and starts new ones. Returns the status
    /// afterwards, or null (storing nothing) for an unknown sweep.
    /// </summary>
    Task<SweepStatus?> Resume();

    /// <summary>
    /// Deletes the sweep: records that it is deleting (its status says Deleting from then on, and a silo that dies
    /// midway finishes the delete when the sweep next activates), stops its queued and running trials, removes each
    /// run's files (checkpoints, log), metric points, curve summaries and state, then its trial rows, its place in the
    /// sweep list and its own state. Touches nothing of any other sweep. Returns what was removed, or null for an
    /// unknown sweep (deleting twice finds none the second time).
    /// </summary>
    [ResponseTimeout("00:10:00")]
    Task<DeleteResult?> Delete();

    /// <summary>
    /// Deletes one run of the sweep as <see cref="Delete"/> deletes each (stopping it first if it runs) and removes its
    /// trial, which counts as over; the sweep goes on. Null when the sweep or the run is unknown.
    /// </summary>
    [ResponseTimeout("00:02:00")]
    Task<DeleteResult?> DeleteRun(string runId);

    /// <summary>
    /// Applies <paramref name="edit"/> to the sweep's display name, tags and notes in one turn and stores them. Returns the
    /// labels afterwards, or null (storing nothing) for an unknown sweep. Throws ArgumentException naming the tag, note or
    /// name and the rule it breaks (MinRnnLab.Config.LabelRules), storing nothing.
    /// </summary>
    Task<Labels?> EditLabels(LabelEdit edit);

    /// <summary>
    /// Called by a run whose labels were edited: its trial row carries them and is stored (the results grid, the
    /// exports and the filters read rows, not every run). Awaited by the run, so the row is written before the edit
    /// returns; interleaved, because this sweep may at that moment be awaiting the same run (a Stop).
    /// </summary>
    [AlwaysInterleave]
    Task OnRunLabelled(string runId, Labels labels);

    /// <summary>
    /// Called by a run when its state changes; a final state frees its slot for the next trial. One-way, so a run
    /// stopped by this sweep can report back without waiting on the sweep's own call.
    /// </summary>
    [OneWay]
    Task OnRunUpdated(RunStatus status);

    /// <summary>
    /// Called by a run at each evaluation with its metrics. The sweep records the metric and, under its
    /// early-termination rule, may stop the run: as pruned (median, asha), or as succeeded once its best is behind it
    /// (patience). One-way, like <see cref="OnRunUpdated"/>.
    /// </summary>
    [OneWay]
    Task OnRunEvaluated(string runId, int trialIndex, int step, MetricPoint[] points);
}
