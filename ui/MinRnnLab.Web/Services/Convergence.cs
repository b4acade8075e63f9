using MinRnnLab.Abstractions;

namespace MinRnnLab.Web.Services;

/// <summary>Per architecture: the best trial's loss and step, and the fewest steps any of its trials took to reach the target.</summary>
public sealed record ConvergenceRow(string Arch, int Trials, double? BestValLoss, int? BestStep, int? StepsToTarget, string? BestRunId)
{
    public static IReadOnlyList<ConvergenceRow> From(IEnumerable<TrialInfo> trials) => trials
        .GroupBy(t => t.Arch)
        .Select(g =>
        {
            var best = g.Where(t => t.BestValLoss is not null).MinBy(t => t.BestValLoss);
            var toTarget = g.Where(t => t.StepsToTarget is not null).Min(t => t.StepsToTarget);
            return new ConvergenceRow(g.Key, g.Count(), best?.BestValLoss, best?.BestStep, toTarget, best?.RunId);
        })
        .OrderBy(r => r.BestValLoss ?? double.MaxValue)
        .ToArray();
}
