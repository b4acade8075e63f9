using MinRnnLab.Abstractions;
using MinRnnLab.Config;

namespace MinRnnLab.Client;

/// <summary>One trial's row of a sweep report.</summary>
public sealed record TrialRow(
    string RunId, string Arch, int SeedIndex, string Parameters, string State, double? BestMetric, int? BestStep,
    int? StepsToTarget, int? StepsToSecondTarget, double TrainingSeconds, double? TokensPerSecond);

/// <summary>
/// Summary of one configuration (an architecture and the other parameters its trials share, <see cref="Variant"/>)
/// over its succeeded seeds: mean ± std of the best of the sweep's metric, the step of that best, steps to the sweep's
/// target and to the report's second target, training time, the ratio to the transformer, and the paper's numbers
/// for the architecture (its best validation loss: given only when the sweep's metric is val_loss, the paper's).
/// </summary>
public sealed record ArchitectureRow(
    string Arch, string Variant, int Runs, double? BestMetricMean, double? BestMetricStd, double? BestStepMean, double? StepsToTargetMean,
    double? StepsToSecondTargetMean, double TrainingSecondsMean, double? TokensPerSecondMean, double? LossRatioToTransformer,
    double? PaperBestValLoss, int? PaperBestStep)
{
    /// <summary>How the row is named in tables and the curves' legend: `mingru`, `mingru block=gated`.</summary>
    public string Label => ConfigurationLabel(Arch, Variant);

    public static string ConfigurationLabel(string arch, string variant) => variant.Length == 0 ? arch : $"{arch} {variant}";
}

/// <summary>A report over one sweep, or over several as one (<see cref="CombinedSweepStatus"/>): a sweep and its reruns.</summary>
/// <param name="TrialInfos">The trials as the platform reports them, in the order of <paramref name="Trials"/>.</param>
/// <param name="Attempts">Every attempt of every trial: where each trained, how it ended, what its resume retrained.</param>
/// <param name="Costs">Per configuration: ms per step, hours and CPU hours, resumes.</param>
public sealed record SweepReport(
    SweepStatus Status, IReadOnlyList<TrialRow> Trials, IReadOnlyList<ArchitectureRow> Architectures, IReadOnlyList<LossCurve> Curves,
    IReadOnlyList<TrialInfo> TrialInfos, IReadOnlyList<AttemptRow> Attempts, IReadOnlyList<CostRow> Costs)
{
    /// <summary>The sweep's report; throws KeyNotFoundException ("no sweep 'X'") when there is no such sweep.</summary>
    /// <param name="secondTarget">
    /// A second loss whose first crossing is counted from the curves (the sweep's own target is counted by the
    /// platform); null leaves it out.
    /// </param>
    public static Task<SweepReport> BuildAsync(LabClient client, string sweepId, double? secondTarget = null) =>
        BuildAsync(client, [sweepId], secondTarget);

    /// <summary>
    /// One report over several sweeps, their trials in the order given (each sweep's by index); a configuration's
    /// seeds are pooled across them. Throws KeyNotFoundException naming an unknown sweep, ArgumentException when the
    /// sweeps' metrics or targets differ.
    /// </summary>
    public static async Task<SweepReport> BuildAsync(LabClient client, IReadOnlyList<string> sweepIds, double? secondTarget = null)
    {
        var statuses = new List<SweepStatus>();
        var trials = new List<TrialInfo>();
        foreach (var sweepId in sweepIds.Distinct())
        {
            statuses.Add(await client.GetSweepAsync(sweepId));
            trials.AddRange((await client.Sweep(sweepId).GetTrials() ?? []).OrderBy(t => t.Index));
        }
        var status = CombinedSweepStatus.Of(statuses);
        var metrics = await Task.WhenAll(trials.Select(async t => await client.Run(t.RunId).GetMetrics() ?? []));
        var curves = trials.Select((t, i) => new LossCurve(t.RunId, Configuration(t),
            metrics[i].Where(m => m.Name == status.Metric).Select(m => (m.Step, m.Value)).ToList())).ToList();
        var speed = trials.Select((t, i) => metrics[i].Where(m => m.Name == MetricNames.TokensPerSecond).Select(m => m.Value).DefaultIfEmpty(double.NaN).Average()).ToList();
        var toSecond = curves.Select(c => StepsTo(c.Points, secondTarget, status.Objective)).ToList();
        var rows = trials.Select((t, i) => new TrialRow(t.RunId, t.Arch, t.SeedIndex,
            string.Join(' ', t.Parameters.Select(p => $"{p.Key}={p.Value}")), t.State.ToConfigName(),
            t.BestMetric, t.BestStep, t.StepsToTarget, toSecond[i], t.TrainingSeconds, double.IsNaN(speed[i]) ? null : speed[i])).ToList();
        var attempts = (await Task.WhenAll(trials.Select(async t => AttemptRow.Of(t.RunId, t.Arch, await client.Run(t.RunId).GetAttempts() ?? []))))
            .SelectMany(a => a).ToList();
        var costs = CostRow.Summarize(attempts, trials.ToDictionary(t => t.RunId, Configuration));
        return new SweepReport(status, rows, Summarize(trials, speed, toSecond, status.Objective), curves, trials, attempts, costs);
    }

    /// <summary>The curves figure, as SVG.</summary>
    public string CurvesSvg() => LossCurveSvg.Render($"{Status.Name}: {Status.Metric}", Curves);

    /// <summary>The first evaluation step that reaches <paramref name="target"/>, as the platform counts steps to target.</summary>
    /// <param name="metric">Which way the curve improves; null: a loss, minimized.</param>
    public static int? StepsTo(IEnumerable<(int Step, double Loss)> curve, double? target, SweepMetric? metric = null) => target is double t
        ? curve.Where(p => (metric ?? SweepMetric.ValLoss).Reaches(p.Loss, t)).Select(p => (int?)p.Step).Min()
        : null;

    /// <summary>The trial's configuration as tables and legends name it: `mingru`, `mingru block=gated`.</summary>
    public static string Configuration(TrialInfo trial) => ArchitectureRow.ConfigurationLabel(trial.Arch, Variant(trial));

    /// <summary>
    /// What sets a trial's configuration apart from the others of its architecture: its parameters other than arch and
    /// seed (a rerun that names its seed is one more seed of the same configuration).
    /// </summary>
    public static string Variant(TrialInfo trial) =>
        string.Join(' ', trial.Parameters.Where(p => p.Key is not ("arch" or "seed")).Select(p => $"{p.Key}={p.Value}"));

    /// <param name="stepsToSecondTarget">Per trial, in the order of <paramref name="trials"/>; null entries where never reached.</param>
    /// <param name="metric">The sweep's metric; null: val_loss.</param>
    public static IReadOnlyList<ArchitectureRow> Summarize(IReadOnlyList<TrialInfo> trials, IReadOnlyList<double>? tokensPerSecond = null,
        IReadOnlyList<int?>? stepsToSecondTarget = null, SweepMetric? metric = null)
    {
        // The paper reports validation loss: its numbers sit beside a sweep's only when that is what the sweep measured.
        var againstPaper = (metric ?? SweepMetric.ValLoss).Name == MetricNames.ValLoss;
        var speedOf = trials.Select((t, i) => (t.RunId, Speed: tokensPerSecond?[i] ?? double.NaN)).ToDictionary(p => p.RunId, p => p.Speed);
        var secondOf = trials.Select((t, i) => (t.RunId, Steps: stepsToSecondTarget?[i])).ToDictionary(p => p.RunId, p => p.Steps);
        var done = trials.Where(t => t.State == RunState.Succeeded && t.BestMetric is not null).ToList();
        // The reference is the transformer as configured by the sweep's base: its trials without other parameters.
        var transformer = Mean(done.Where(t => t.Arch == "transformer" && Variant(t).Length == 0).Select(t => t.BestMetric!.Value));
        return trials.GroupBy(t => (t.Arch, Variant: Variant(t))).OrderBy(g => g.Key.Arch).ThenBy(g => g.Key.Variant).Select(group =>
        {
            var ok = done.Where(t => t.Arch == group.Key.Arch && Variant(t) == group.Key.Variant).ToList();
            var losses = ok.Select(t => t.BestMetric!.Value).ToList();
            var mean = Mean(losses);
            var paper = againstPaper ? PaperReference.For(group.Key.Arch) : null;
            return new ArchitectureRow(group.Key.Arch, group.Key.Variant, ok.Count, mean, Spread.Of(losses).Std,
                Mean(ok.Where(t => t.BestStep is not null).Select(t => (double)t.BestStep!.Value)),
                Mean(ok.Where(t => t.StepsToTarget is not null).Select(t => (double)t.StepsToTarget!.Value)),
                Mean(ok.Select(t => secondOf[t.RunId]).OfType<int>().Select(s => (double)s)),
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
}
