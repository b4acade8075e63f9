using MinRnnLab.Abstractions;
using MinRnnLab.Training;

namespace MinRnnLab.Grains.Client;

/// <summary>One trial's row of a sweep report.</summary>
public sealed record TrialRow(
    string RunId, string Arch, int SeedIndex, string Parameters, string State, double? BestValLoss, int? BestStep,
    int? StepsToTarget, double TrainingSeconds, double? TokensPerSecond);

/// <summary>
/// Per-architecture summary over a sweep's succeeded trials: mean ± std of the best validation loss, the step of
/// the best loss, steps to the sweep's target, training time, the ratio to the transformer, and the paper's numbers.
/// </summary>
public sealed record ArchitectureRow(
    string Arch, int Runs, double? BestValLossMean, double? BestValLossStd, double? BestStepMean, double? StepsToTargetMean,
    double TrainingSecondsMean, double? TokensPerSecondMean, double? LossRatioToTransformer, double? PaperBestValLoss, int? PaperBestStep);

public sealed record SweepReport(
    SweepStatus Status, IReadOnlyList<TrialRow> Trials, IReadOnlyList<ArchitectureRow> Architectures, IReadOnlyList<LossCurve> Curves)
{
    /// <summary>The sweep's report; throws KeyNotFoundException ("no sweep 'X'") when there is no such sweep.</summary>
    public static async Task<SweepReport> BuildAsync(LabClient client, string sweepId)
    {
        var status = await client.GetSweepAsync(sweepId);
        var trials = (await client.Sweep(sweepId).GetTrials() ?? []).OrderBy(t => t.Index).ToList();
        var metrics = await Task.WhenAll(trials.Select(async t => await client.Run(t.RunId).GetMetrics() ?? []));
        var curves = trials.Select((t, i) => new LossCurve(t.RunId, t.Arch,
            metrics[i].Where(m => m.Name == MetricNames.ValLoss).Select(m => (m.Step, m.Value)).ToList())).ToList();
        var speed = trials.Select((t, i) => metrics[i].Where(m => m.Name == MetricNames.TokensPerSecond).Select(m => m.Value).DefaultIfEmpty(double.NaN).Average()).ToList();
        var rows = trials.Select((t, i) => new TrialRow(t.RunId, t.Arch, t.SeedIndex,
            string.Join(' ', t.Parameters.Select(p => $"{p.Key}={p.Value}")), t.State.ToString().ToLowerInvariant(),
            t.BestValLoss, t.BestStep, t.StepsToTarget, t.TrainingSeconds, double.IsNaN(speed[i]) ? null : speed[i])).ToList();
        return new SweepReport(status, rows, Summarize(trials, speed), curves);
    }

    /// <summary>The curves figure, as SVG.</summary>
    public string CurvesSvg() => LossCurveSvg.Render($"{Status.Name}: validation loss", Curves);

    public static IReadOnlyList<ArchitectureRow> Summarize(IReadOnlyList<TrialInfo> trials, IReadOnlyList<double>? tokensPerSecond = null)
    {
        var speedOf = trials.Select((t, i) => (t.RunId, Speed: tokensPerSecond?[i] ?? double.NaN)).ToDictionary(p => p.RunId, p => p.Speed);
        var done = trials.Where(t => t.State == RunState.Succeeded && t.BestValLoss is not null).ToList();
        var transformer = Mean(done.Where(t => t.Arch == "transformer").Select(t => t.BestValLoss!.Value));
        return trials.GroupBy(t => t.Arch).OrderBy(g => g.Key).Select(group =>
        {
            var ok = done.Where(t => t.Arch == group.Key).ToList();
            var losses = ok.Select(t => t.BestValLoss!.Value).ToList();
            var mean = Mean(losses);
            var paper = PaperReference.For(group.Key);
            return new ArchitectureRow(group.Key, ok.Count, mean, Std(losses), Mean(ok.Where(t => t.BestStep is not null).Select(t => (double)t.BestStep!.Value)),
                Mean(ok.Where(t => t.StepsToTarget is not null).Select(t => (double)t.StepsToTarget!.Value)),
                ok.Count == 0 ? 0 : ok.Average(t => t.TrainingSeconds),
                Mean(ok.Select(t => speedOf[t.RunId]).Where(double.IsFinite)),
                mean is not null && transformer is not null ? mean / transformer : null, paper?.BestValLoss, paper?.BestStep);
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
