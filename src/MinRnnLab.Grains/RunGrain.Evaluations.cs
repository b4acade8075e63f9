using MinRnnLab.Abstractions;
using MinRnnLab.Config;

namespace MinRnnLab.Grains;

/// <summary>
/// A run's numbers from its evaluations (last step, the best of its sweep's metric and its step, steps to target,
/// training time). They live in this grain's memory between state writes: every evaluation is durable in the metrics
/// store before the worker goes on, so the grain writes its copy only at checkpoints, state changes and deactivation,
/// and an activation takes whatever the store holds beyond the copy (a silo killed between two writes loses none of it).
/// </summary>
public sealed partial class RunGrain
{
    /// <summary>Evaluations taken into memory since the last state write.</summary>
    private bool evaluationsUnwritten;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Exists && !S.State.IsFinal())
            await CatchUpWithStoredEvaluations(cancellationToken);
        await base.OnActivateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A run deleted meanwhile has no state left to write: writing it would bring a row back.
        if (evaluationsUnwritten && Exists)
        {
            try
            {
                await state.WriteStateAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Nothing is lost: the next activation reads the same numbers back from the metrics store.
            }
        }
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>The metric's best, its step and steps to target from evaluations of the sweep's metric, in step order.</summary>
    private void TakeEvaluations(IEnumerable<MetricPoint> evaluations)
    {
        var metric = Spec.Objective;
        foreach (var point in evaluations.OrderBy(p => p.Step))
        {
            if (metric.Improves(point.Value, S.BestMetric))
                (S.BestMetric, S.BestStep) = (point.Value, point.Step);
            if (S.StepsToTarget is null && Spec.TargetLoss is double target && metric.Reaches(point.Value, target))
                S.StepsToTarget = point.Step;
        }
    }

    /// <summary>
    /// Takes the stored evaluations the last state write did not include: the last step, the best and steps to target,
    /// and the training time (wall_seconds counts every attempt's, so what it holds beyond the attempts' sum is the
    /// current attempt's). Read again, points the copy already has change nothing.
    /// </summary>
    private async Task CatchUpWithStoredEvaluations(CancellationToken cancel)
    {
        var stored = await metrics.ReadAsync(Spec.RunId, Spec.Objective.Name, cancel);
        var newer = stored.Where(p => p.Step > S.LastStep).ToList();
        if (newer.Count == 0)
            return;
        TakeEvaluations(newer.Select(p => new MetricPoint(p.Step, p.Name, p.Value)));
        var lastStep = newer.Max(p => p.Step);
        S.LastStep = lastStep;
        UpdateAttempt(a => a with { LastStep = Math.Max(a.LastStep, lastStep) });
        var wall = (await metrics.ReadAsync(Spec.RunId, MetricNames.WallSeconds, cancel)).LastOrDefault();
        if (wall is not null && wall.Value > S.TrainingSeconds && S.Attempts.Count > 0)
            RecordTrainingTime(S.Attempts[^1].TrainingSeconds + wall.Value - S.TrainingSeconds);
        evaluationsUnwritten = true;
    }
}
