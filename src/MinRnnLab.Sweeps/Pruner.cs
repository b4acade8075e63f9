using System.Globalization;

namespace MinRnnLab.Sweeps;

/// <summary>
/// One evaluation of one trial, as the sweep grain stores it: plain data, so decisions can be re-derived after a restart.
/// </summary>
/// <param name="TrialIndex">The trial (TrialSpec.Index).</param>
/// <param name="EvalIndex">Which evaluation: Pruner.EvalIndex(step, eval_interval); 0 is the loss before training.</param>
/// <param name="Value">The sweep metric's value at that evaluation.</param>
/// <param name="Step">The optimizer step it was measured at, for reasons that name steps; null where unknown. No decision reads it.</param>
public sealed record EvalObservation(int TrialIndex, int EvalIndex, double Value, int? Step = null);

/// <summary>Whether to stop the run, and why, in words a report can show ("median rule: best val_loss 2.31 at eval 4 worse than …").</summary>
/// <param name="Finished">
/// The run stops because it is done, not because it is behind (patience: its best is behind it). Its result stands as a
/// run trained to its end: the platform records it as succeeded, with the reason, where a pruned run is left out of results.
/// </param>
public sealed record PruneDecision(bool Prune, string Reason, bool Finished = false);

/// <summary>
/// Early termination (the file's `early_terminate:`). A decision is a pure function of the observations recorded
/// before it and the new one, so the sweep grain can rebuild them from the metrics store after a restart and still
/// agree with itself. The sweep grain keeps an EvalHistory and decides incrementally; these overloads build one.
/// </summary>
public static class Pruner
{
    /// <summary>
    /// The evaluation index of an evaluation at optimizer step <paramref name="step"/>: evaluations run at steps
    /// 0, eval_interval, 2·eval_interval, … and at max_iters (which shares the index of the interval it ends).
    /// </summary>
    public static int EvalIndex(int step, int evalInterval)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfLessThan(evalInterval, 1);
        return step / evalInterval;
    }

    /// <summary>Decides for the sweep's own early_terminate rule; a sweep without one never prunes.</summary>
    public static PruneDecision Decide(SweepDefinition sweep, IReadOnlyList<EvalObservation> history, EvalObservation latest) =>
        sweep.EarlyTerminate is { } rule
            ? Decide(rule, sweep.Metric, history, latest)
            : new PruneDecision(false, "no early_terminate rule");

    /// <summary>
    /// Whether the trial that just reported <paramref name="latest"/> should stop, given every observation
    /// stored before it (<paramref name="history"/>, all trials, any order). The trial's own observations at
    /// latest's evaluation or later are ignored, so asking again after storing latest gives the same answer.
    /// </summary>
    public static PruneDecision Decide(EarlyTermination rule, MetricSpec metric, IReadOnlyList<EvalObservation> history, EvalObservation latest)
    {
        var evaluations = new EvalHistory(metric, rule);
        foreach (var observation in history)
            evaluations.Record(observation);
        return evaluations.Decide(latest);
    }

    internal static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
