using MinRnnLab.Abstractions;
using MinRnnLab.Training;

namespace MinRnnLab.Grains.Client;

/// <summary>One trial's row of a sweep report.</summary>
public sealed record TrialRow(
    string RunId, string Arch, int SeedIndex, string Parameters, string State, double? BestValLoss, int? BestStep,
    int? StepsToTarget, double TrainingSeconds);

/// <summary>
/// Per-architecture summary over a sweep's succeeded trials: mean ± std of the best validation loss, the step of
/// the best loss, steps to the sweep's target, training time, the ratio to the transformer, and the paper's numbers.
/// </summary>
public sealed record ArchitectureRow(
    string Arch, int Runs, double? BestValLossMean, double? BestValLossStd, double? BestStepMean, double? StepsToTargetMean,
    double TrainingSecondsMean, double? LossRatioToTransformer, double? PaperBestValLoss, int? PaperBestStep);

public sealed record SweepReport(SweepStatus Status, IReadOnlyList<TrialRow> Trials, IReadOnlyList<ArchitectureRow> Architectures)
{
    public static async Task<SweepReport> BuildAsync(LabClient client, string sweepId)
    {
        var status = await client.Sweep(sweepId).GetStatus();
        var trials = await client.Sweep(sweepId).GetTrials();
        var rows = trials.OrderBy(t => t.Index).Select(t => new TrialRow(t.RunId, t.Arch, t.SeedIndex,
            string.Join(' ', t.Parameters.Select(p => $"{p.Key}={p.Value}")), t.State.ToString().ToLowerInvariant(),
            t.BestValLoss, t.BestStep, t.StepsToTarget, t.TrainingSeconds)).ToList();
        return new SweepReport(status, rows, Summarize(trials));
    }

    public static IReadOnlyList<ArchitectureRow> Summarize(IReadOnlyList<TrialInfo> trials)
    {
        var done = trials.Where(t => t.State == RunState.Succeeded && t.BestValLoss is not null).ToList();
        var transformer = Mean(done.Where(t => t.Arch == "transformer").Select(t => t.BestValLoss!.Value));
        return trials.GroupBy(t => t.Arch).OrderBy(g => g.Key).Select(group =>
        {
            var ok = done.Where(t => t.Arch == group.Key).ToList();
            var losses = ok.Select(t => t.BestValLoss!.Value).ToList();
            var mean = Mean(losses);
            var paper = PaperReference.Results.TryGetValue(group.Key, out var p) ? p : ((double, int)?)null;
            return new ArchitectureRow(group.Key, ok.Count, mean, Std(losses), Mean(ok.Where(t => t.BestStep is not null).Select(t => (double)t.BestStep!.Value)),
                Mean(ok.Where(t => t.StepsToTarget is not null).Select(t => (double)t.StepsToTarget!.Value)),
                ok.Count == 0 ? 0 : ok.Average(t => t.TrainingSeconds),
                mean is not null && transformer is not null ? mean / transformer : null, paper?.Item1, paper?.Item2);
        }).ToList();
    }

    private static double? Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : list.Average();
    }

    private static double? Std(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
            return values.Count == 1 ? 0 : null;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
