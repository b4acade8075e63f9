using MinRnnLab.Abstractions;

namespace MinRnnLab.Web.Services;

/// <summary>
/// Per architecture: the best trial's value of the sweep's metric and its step, and the fewest steps any of its trials
/// took to reach the target; the best architecture first.
/// </summary>
public sealed record ConvergenceRow(string Arch, int Trials, double? BestMetric, int? BestStep, int? StepsToTarget, string? BestRunId)
{
    public static IReadOnlyList<ConvergenceRow> From(IEnumerable<TrialInfo> trials, SweepMetric metric) => metric.Rank(trials
        .GroupBy(t => t.Arch)
        .Select(g =>
        {
            var best = metric.Rank(g.Where(t => t.BestMetric is not null), t => t.BestMetric).FirstOrDefault();
            var toTarget = g.Where(t => t.StepsToTarget is not null).Min(t => t.StepsToTarget);
            return new ConvergenceRow(g.Key, g.Count(), best?.BestMetric, best?.BestStep, toTarget, best?.RunId);
        }), r => r.BestMetric)
        .ToArray();
}
