using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;

namespace MinRnnLab.Web.Services;

/// <summary>Configurations that depart from the paper's setup in the same way (none: the same setup as the paper).</summary>
/// <param name="Configurations">Their labels, as the curves' legend names them (`mingru`, `mingru learning_rate=0.003`).</param>
public sealed record SetupNote(IReadOnlyList<string> Configurations, IReadOnlyList<string> Differences);

/// <summary>
/// The paper note's setups: every configuration of a sweep is held against the paper's, not only the first trial's, so a
/// random search over learning rates says which rate each configuration used.
/// </summary>
public static class PaperSetups
{
    public static IReadOnlyList<SetupNote> From(IEnumerable<(string Configuration, RunConfig Config)> configurations) =>
        configurations.Select(c => (c.Configuration, Differences: PaperReference.SetupDifferences(c.Config)))
            .GroupBy(c => string.Join("; ", c.Differences))
            .Select(g => new SetupNote(g.Select(c => c.Configuration).ToList(), g.First().Differences))
            .ToList();

    /// <summary>
    /// The setups of a sweep's configurations, one trial's frozen config speaking for each (its seeds differ only by
    /// seed); null when no spec could be read.
    /// </summary>
    public static async Task<IReadOnlyList<SetupNote>?> ReadAsync(ILabClient lab, IEnumerable<TrialInfo> trials)
    {
        var firsts = trials.GroupBy(t => ArchitectureRow.ConfigurationLabel(t.Arch, SweepReport.Variant(t))).Select(g => (Label: g.Key, g.First().RunId)).ToList();
        var specs = await Task.WhenAll(firsts.Select(f => lab.Run(f.RunId).GetSpec()));
        var configurations = firsts.Zip(specs).Where(p => p.Second is not null).Select(p => (p.First.Label, p.Second!.Config)).ToList();
        return configurations.Count == 0 ? null : From(configurations);
    }
}
