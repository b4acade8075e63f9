using System.Globalization;
using System.Text;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;

namespace MinRnnLab.Client;

/// <summary>
/// A sweep's report as one Markdown document: the headline, the per-configuration summary against the transformer and
/// the paper, seed statistics per architecture and per configuration, and every trial.
/// </summary>
public static class SweepMarkdown
{
    public static string Render(SweepReport report, IReadOnlyList<SeedOutcome> outcomes)
    {
        var status = report.Status;
        var text = new StringBuilder();
        text.AppendLine($"# Sweep {status.DisplayName}").AppendLine();
        text.AppendLine($"- id: `{status.SweepId}`");
        text.AppendLine($"- state: {status.State.ToConfigName()}, {status.Finished} of {status.PlannedTrials} trials finished{(status.Failed > 0 ? $", {status.Failed} failed" : "")}");
        text.AppendLine($"- method: {status.Method}; metric: {status.Metric}; target loss: {F(status.TargetLoss)}");
        text.AppendLine($"- created: {status.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}");
        if (status.Labels.Tags.Length > 0)
            text.AppendLine($"- tags: {string.Join(", ", status.Labels.Tags.Select(t => $"`{t}`"))}");
        text.AppendLine();
        if (status.Labels.Notes.Length > 0)
            text.AppendLine("## Notes").AppendLine().AppendLine(status.Labels.Notes).AppendLine();

        text.AppendLine("## Configurations").AppendLine();
        text.Append(MarkdownTable.Write(
            ["configuration", "runs", $"best {status.Metric} (mean ± std)", "best step", "steps to target", "seconds", "tokens/s", "÷ transformer", "paper best val_loss", "paper step"],
            report.Architectures.Select(a => new[]
            {
                Cell(a.Label), $"{a.Runs}", $"{F(a.BestMetricMean)} ± {F(a.BestMetricStd)}", F(a.BestStepMean, "F0"), F(a.StepsToTargetMean, "F0"),
                F(a.TrainingSecondsMean, "F0"), F(a.TokensPerSecondMean, "F0"), F(a.LossRatioToTransformer, "F3"), F(a.PaperBestValLoss, "F3"), $"{a.PaperBestStep}",
            }))).AppendLine();

        text.AppendLine("## Seed statistics per architecture").AppendLine();
        text.AppendLine("Mean ± sample standard deviation over the succeeded seeds of one configuration; steps to target over the seeds that reached it. " +
                        $"An architecture trained in several configurations shows its best one (best mean {status.Metric}), named in its row: " +
                        "configurations are never pooled as if they were seeds.").AppendLine();
        text.Append(SeedTable(SeedStatistics.ByArchitecture(outcomes, metric: status.Objective), r => r.ArchitectureLabel, status.Metric)).AppendLine();
        if (SeedStatistics.HasConfigurations(outcomes))
        {
            text.AppendLine("## Seed statistics per configuration").AppendLine();
            text.Append(SeedTable(SeedStatistics.ByConfiguration(outcomes), r => r.Label, status.Metric)).AppendLine();
        }

        text.AppendLine("## Trials").AppendLine();
        text.Append(MarkdownTable.Write(
            ["run", "arch", "seed", "parameters", "state", $"best {status.Metric}", "best step", "steps to target", "seconds"],
            report.Trials.Select(t => new[]
            {
                Cell(t.RunId), t.Arch, $"{t.SeedIndex}", Cell(t.Parameters), t.State, F(t.BestMetric), $"{t.BestStep}", $"{t.StepsToTarget}", F(t.TrainingSeconds, "F0"),
            })));
        AppendRunLabels(text, report.TrialInfos);
        return text.ToString();
    }

    /// <summary>Runs someone named, tagged or wrote notes on: what they wrote, after the table they belong to.</summary>
    private static void AppendRunLabels(StringBuilder text, IEnumerable<TrialInfo> trials)
    {
        var labelled = trials.Where(t => t.Labels.Name is not null || t.Labels.Tags.Length > 0 || t.Labels.Notes.Length > 0).ToList();
        if (labelled.Count == 0)
            return;
        text.AppendLine().AppendLine("## Run notes").AppendLine();
        text.Append(MarkdownTable.Write(["run", "name", "tags", "notes"],
            labelled.Select(t => new[] { Cell(t.RunId), Cell(t.Labels.Name ?? ""), Cell(string.Join(", ", t.Labels.Tags)), Cell(t.Labels.Notes.ReplaceLineEndings(" ")) })));
    }

    private static string SeedTable(IEnumerable<SeedStatisticsRow> rows, Func<SeedStatisticsRow, string> label, string metric) => MarkdownTable.Write(
        ["", "trials", "n", $"best {metric}", "final val loss", "steps to target", "reached target", "training seconds"],
        rows.Select(r => new[]
        {
            Cell(label(r)), $"{r.Trials}", $"{r.Runs}", r.BestMetric.Format("F4"), r.FinalValLoss.Format("F4"), r.StepsToTarget.Format("F0"), r.Reached,
            r.TrainingSeconds.Format("F1"),
        }));

    private static string F(double? value, string format = "F4") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "–";

    // A pipe inside a cell would end it.
    private static string Cell(string text) => text.Replace("|", "\\|");
}
