using System.Globalization;
using System.Text;
using MinRnnLab.Abstractions;

namespace MinRnnLab.Client;

/// <summary>
/// Text generated from the best checkpoint of each configuration's best trial: what a reader looks at beside the loss
/// to see what a model has learned. Sampled on the silo that holds the checkpoints, with a fixed seed, so a rerun of the
/// report over the same checkpoints gives the same text.
/// </summary>
public static class BestCheckpointSamples
{
    /// <summary>What the samples start from: a new line, as in nanoGPT's sample.py.</summary>
    public const string Prompt = "\n";
    private const double Temperature = 0.8;
    private const int TopK = 50;
    private const long Seed = 1337;

    /// <param name="Text">The sample, or why there is none ("no checkpoint yet").</param>
    public sealed record Sample(string Configuration, string RunId, double? BestMetric, int? BestStep, string Text);

    /// <summary>One sample per configuration of <paramref name="report"/>, from its trial with the best metric so far.</summary>
    public static async Task<IReadOnlyList<Sample>> TakeAsync(LabClient client, SweepReport report, int characters, CancellationToken cancel = default)
    {
        var samples = new List<Sample>();
        foreach (var configuration in report.TrialInfos.Where(t => t.BestMetric is not null).GroupBy(SweepReport.Configuration).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            cancel.ThrowIfCancellationRequested();
            var best = report.Status.Objective.Rank(configuration, t => t.BestMetric).First();
            string text;
            try
            {
                text = await client.SampleAsync(best.RunId, Prompt, characters, Temperature, Seed, TopK) ?? "(the run is gone)";
            }
            catch (InvalidOperationException e)
            {
                text = $"({e.Message})";                                                // no checkpoint yet: said, and the report goes on
            }
            samples.Add(new Sample(configuration.Key, best.RunId, best.BestMetric, best.BestStep, text));
        }
        return samples;
    }

    /// <summary>The samples as Markdown: a heading per configuration naming the run, its best and the step, then the text.</summary>
    public static string Markdown(string sweepName, IReadOnlyList<Sample> samples)
    {
        var text = new StringBuilder($"# Samples from the best checkpoints of {sweepName}\n\n");
        text.Append(CultureInfo.InvariantCulture,
            $"Each from the best checkpoint of the configuration's best trial; prompt a new line, temperature {Temperature}, top-k {TopK}, seed {Seed}.\n");
        foreach (var s in samples)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## {s.Configuration}: {s.RunId}, best {s.BestMetric:F4} at step {s.BestStep}\n\n```text\n");
            text.Append(s.Text.Replace("```", "'''", StringComparison.Ordinal).Trim('\n')).Append("\n```\n");
        }
        return text.ToString();
    }
}
