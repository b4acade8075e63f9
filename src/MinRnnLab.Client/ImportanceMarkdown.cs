using System.Globalization;
using System.Text;
using MinRnnLab.Config;
using MinRnnLab.Sweeps.Importance;

namespace MinRnnLab.Client;

/// <summary>The report's "Hyperparameter importance" section: a table per sweep, or why it has none.</summary>
public static class ImportanceMarkdown
{
    /// <summary>The section for these sweeps (a report over reruns has one table each: their files may differ); empty for none.</summary>
    public static string Render(IReadOnlyList<(string SweepId, ImportanceReport Report)> sweeps)
    {
        if (sweeps.Count == 0)
            return "";
        var text = new StringBuilder().AppendLine("## Hyperparameter importance").AppendLine();
        text.AppendLine($"fANOVA over a random forest of {HyperparameterImportance.TreesPerForest} trees fitted to the succeeded trials' best metric: " +
                        "each parameter's share of the variance it explains alone, ± its standard deviation over " +
                        $"{HyperparameterImportance.ForestSeeds} forest seeds; at least {HyperparameterImportance.MinimumTrials} succeeded trials.").AppendLine();
        foreach (var (sweepId, report) in sweeps)
        {
            if (sweeps.Count > 1)
                text.AppendLine($"### `{sweepId}`").AppendLine();
            if (!report.HasResult)
                text.AppendLine($"None: {report.Reason}.").AppendLine();
            else
                text.Append(MarkdownTable.Write(["parameter", "scale", "importance", "± spread"], report.Parameters.Select(p => new[]
                {
                    p.Key, p.Scale.ToConfigName(), F(p.Importance), F(p.Spread),
                }))).AppendLine();
            if (report.Left.Count > 0)
                text.AppendLine($"Not analysed: {string.Join("; ", report.Left)}.").AppendLine();
        }
        return text.ToString();
    }

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
}
