using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Sweeps;
using MinRnnLab.Sweeps.Importance;

namespace MinRnnLab.Client;

/// <summary>Which hyperparameters mattered in a sweep: fANOVA over its finished trials, computed in this process.</summary>
public sealed partial class LabClient
{
    /// <summary>
    /// Hyperparameter importance of the sweep's searched parameters (<see cref="HyperparameterImportance"/>) over its
    /// succeeded trials, each judged by its best metric; null for an unknown sweep. Pruned, failed, diverged and
    /// cancelled trials are left out, as Optuna leaves out all but complete trials: a pruned trial's best is the best
    /// before it was stopped, not what its configuration reaches.
    /// </summary>
    public async Task<ImportanceReport?> GetImportanceAsync(string sweepId)
    {
        var sweep = Sweep(sweepId);
        if (await sweep.GetDefinition() is not { } yaml || await sweep.GetTrials() is not { } trials)
            return null;
        // A stored sweep passed validation when it was submitted; the memory check is the platform's, not this machine's.
        var parsed = SweepParser.Parse(yaml, $"{sweepId}.yaml", workerMemory: long.MaxValue);
        if (parsed.Definition is not { } definition)
            throw new InvalidOperationException($"sweep '{sweepId}': its stored file no longer parses: {string.Join("; ", parsed.Errors)}");
        var succeeded = trials.Where(t => t.State == RunState.Succeeded).ToList();
        var objectives = await Task.WhenAll(succeeded.Select(t => ObjectiveAsync(t, definition.Metric)));
        var finished = succeeded.Select((t, i) => new CompletedTrial(t.Index, t.Parameters, objectives[i])).ToList();
        return HyperparameterImportance.Evaluate(definition, finished);
    }

    /// <summary>
    /// The trial's best value of the sweep's metric in the sweep's direction: its row keeps it; but rows stored by builds
    /// before runs knew their sweep's metric hold val_loss's best, so any other metric is read from the run's stored
    /// points. NaN (left out) when the trial has none.
    /// </summary>
    private async Task<double> ObjectiveAsync(TrialInfo trial, MetricSpec metric)
    {
        if (metric.Name == MetricNames.ValLoss)
            return trial.BestMetric ?? double.NaN;
        var values = (await Run(trial.RunId).GetMetrics(metric.Name) ?? []).Select(p => p.Value).Where(double.IsFinite).ToList();
        if (values.Count == 0)
            return double.NaN;
        return metric.Goal == MetricGoal.Maximize ? values.Max() : values.Min();
    }
}
