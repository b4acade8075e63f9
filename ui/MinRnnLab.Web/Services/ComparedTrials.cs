using MinRnnLab.Abstractions;

namespace MinRnnLab.Web.Services;

/// <summary>
/// Compared runs (of any sweeps) as trials whose parameters are the config keys that differ between them, so Compare
/// names and colours them as a sweep page does its runs (<see cref="Curves.ConfigurationPalette"/>): two minGRU runs of
/// different sweeps get two shades of minGRU's hue and legends naming what differs (`mingru · learning_rate 0.003`).
/// </summary>
public static class ComparedTrials
{
    /// <param name="runs">The runs in the page's order.</param>
    /// <param name="differing">ConfigDiff.Differing of their configs, in the same order.</param>
    public static IReadOnlyList<TrialInfo> From(IReadOnlyList<(RunSpec Spec, RunStatus Status)> runs, IReadOnlyList<ConfigDiffRow> differing)
    {
        // The architecture has its own hue and the seed its own legend part: neither is a parameter here.
        var rows = differing.Where(r => Leaf(r.Key) is not ("arch" or "seed")).ToList();
        var repeated = rows.GroupBy(r => Leaf(r.Key)).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        string Name(ConfigDiffRow row) => repeated.Contains(Leaf(row.Key)) ? row.Key : Leaf(row.Key);   // "n_embd", unless two sections have one
        return runs.Select((run, i) => new TrialInfo(i, run.Spec.RunId, run.Spec.Arch, (int)Math.Clamp(run.Spec.Seed, 0, int.MaxValue),
                rows.Where(r => r.Values[i] is not null).ToDictionary(Name, r => r.Values[i]!),
                run.Status.State, run.Status.BestMetric, run.Status.BestStep, run.Status.StepsToTarget, run.Status.TrainingSeconds))
            .ToList();
    }

    private static string Leaf(string dottedKey) => dottedKey[(dottedKey.LastIndexOf('.') + 1)..];
}
