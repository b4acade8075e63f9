using MinRnnLab.Abstractions;

namespace MinRnnLab.Client;

/// <summary>
/// The headline of a report over several sweeps (a sweep and its reruns, say): names and ids joined with " + ", the
/// plans and run counts summed, the best loss per architecture over all, running while any runs. Sweeps whose metric
/// or target differ would put different things in one column, so they are refused.
/// </summary>
public static class CombinedSweepStatus
{
    public static SweepStatus Of(IReadOnlyList<SweepStatus> sweeps)
    {
        if (sweeps.Count == 0)
            throw new ArgumentException("a report needs at least one sweep");
        if (sweeps.Count == 1)
            return sweeps[0];
        var first = sweeps[0];
        if (sweeps.FirstOrDefault(s => s.Objective != first.Objective || s.TargetLoss != first.TargetLoss) is { } other)
            throw new ArgumentException($"sweeps {first.SweepId} ({first.Metric}, target {first.TargetLoss?.ToString() ?? "none"}) and " +
                $"{other.SweepId} ({other.Metric}, target {other.TargetLoss?.ToString() ?? "none"}) measure different things: report them apart");
        var state = sweeps.Any(s => s.State == SweepState.Running) ? SweepState.Running
            : sweeps.Any(s => s.State == SweepState.Paused) ? SweepState.Paused
            : sweeps.All(s => s.State == SweepState.Cancelled) ? SweepState.Cancelled
            : sweeps.All(s => s.State == SweepState.Failed) ? SweepState.Failed
            : SweepState.Completed;
        return new SweepStatus(
            string.Join(" + ", sweeps.Select(s => s.SweepId)),
            string.Join(" + ", sweeps.Select(s => s.Name)),
            state,
            string.Join(" + ", sweeps.Select(s => s.Method).Distinct()),
            sweeps.Sum(s => s.PlannedTrials),
            sweeps.SelectMany(s => s.RunsByState).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value)),
            sweeps.SelectMany(s => s.BestByArch).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => first.Objective.BestOf(g.Select(p => p.Value))!.Value),
            sweeps.Min(s => s.CreatedAt),
            first.Metric,
            first.TargetLoss,
            sweeps.Sum(s => s.CancelledBeforeStart))
        {
            // Every sweep's tags once; the notes of each, in order, a blank line apart.
            Labels = new Labels(null, [.. sweeps.SelectMany(s => s.Labels.Tags).Distinct(StringComparer.OrdinalIgnoreCase)],
                string.Join("\n\n", sweeps.Select(s => s.Labels.Notes).Where(n => n.Length > 0))),
            MetricMaximized = first.MetricMaximized,
        };
    }
}
