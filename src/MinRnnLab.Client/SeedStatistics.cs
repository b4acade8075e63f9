using System.Globalization;
using MinRnnLab.Abstractions;

namespace MinRnnLab.Client;

/// <summary>
/// Mean ± sample standard deviation of one quantity over the seeds that have it. <see cref="N"/> counts those seeds
/// (a seed that never reached the target has no steps to target). Std is null below two values: one seed says
/// nothing about the spread, and "± 0" would claim it does.
/// </summary>
public sealed record Spread(int N, double? Mean, double? Std)
{
    public static readonly Spread None = new(0, null, null);

    public static Spread Of(IEnumerable<double> values)
    {
        var list = values.Where(double.IsFinite).ToList();
        if (list.Count == 0)
            return None;
        var mean = list.Average();
        double? std = list.Count < 2 ? null : Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1));
        return new Spread(list.Count, mean, std);
    }

    /// <summary>"1.2345 ± 0.0123", "1.2345" for one seed, "–" for none.</summary>
    public string Format(string format) => Mean switch
    {
        null => "–",
        double mean when Std is double std => $"{mean.ToString(format, CultureInfo.InvariantCulture)} ± {std.ToString(format, CultureInfo.InvariantCulture)}",
        double mean => mean.ToString(format, CultureInfo.InvariantCulture),
    };
}

/// <summary>What the statistics read of one trial: its row of the sweep, and the last validation loss of its curve.</summary>
public sealed record SeedOutcome(TrialInfo Trial, double? FinalValLoss);

/// <summary>
/// One architecture's or one configuration's seeds summarized. <see cref="Runs"/> counts its succeeded trials, the only
/// ones summarized (a pruned or failed run's losses are not a result); <see cref="StepsToTarget"/>.N of them reached the target.
/// </summary>
/// <param name="Variant">The configuration's parameters other than arch (<see cref="SweepReport.Variant"/>); null for an architecture's row.</param>
public sealed record SeedStatisticsRow(
    string Arch, string? Variant, int Trials, int Runs, Spread BestValLoss, Spread FinalValLoss, Spread StepsToTarget, Spread TrainingSeconds)
{
    /// <summary>`mingru` for an architecture, `mingru block=gated` for a configuration (as the curves' legend names it).</summary>
    public string Label => Variant is null ? Arch : ArchitectureRow.ConfigurationLabel(Arch, Variant);

    /// <summary>"3/4" seeds reached the target; "–" when none succeeded.</summary>
    public string Reached => Runs == 0 ? "–" : $"{StepsToTarget.N}/{Runs}";
}

/// <summary>
/// Seed statistics of a sweep, per architecture (all its configurations pooled) and per configuration (trials sharing
/// every parameter but the seed): n, mean ± std of best and final validation loss, steps to target and training time.
/// </summary>
public static class SeedStatistics
{
    public static IReadOnlyList<SeedStatisticsRow> ByArchitecture(IEnumerable<SeedOutcome> outcomes) =>
        outcomes.GroupBy(o => o.Trial.Arch).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Summarize(g.Key, null, g.ToList())).ToList();

    public static IReadOnlyList<SeedStatisticsRow> ByConfiguration(IEnumerable<SeedOutcome> outcomes) =>
        outcomes.GroupBy(o => (o.Trial.Arch, Variant: SweepReport.Variant(o.Trial)))
            .OrderBy(g => g.Key.Arch, StringComparer.Ordinal).ThenBy(g => g.Key.Variant, StringComparer.Ordinal)
            .Select(g => Summarize(g.Key.Arch, g.Key.Variant, g.ToList())).ToList();

    /// <summary>True when some architecture was trained in more than one configuration (else the two tables say the same).</summary>
    public static bool HasConfigurations(IEnumerable<SeedOutcome> outcomes) =>
        outcomes.GroupBy(o => o.Trial.Arch).Any(g => g.Select(o => SweepReport.Variant(o.Trial)).Distinct().Count() > 1);

    private static SeedStatisticsRow Summarize(string arch, string? variant, IReadOnlyList<SeedOutcome> group)
    {
        var done = group.Where(o => o.Trial.State == RunState.Succeeded).ToList();
        return new SeedStatisticsRow(arch, variant, group.Count, done.Count,
            Spread.Of(done.Select(o => o.Trial.BestValLoss).OfType<double>()),
            Spread.Of(done.Select(o => o.FinalValLoss).OfType<double>()),
            Spread.Of(done.Select(o => o.Trial.StepsToTarget).OfType<int>().Select(s => (double)s)),
            Spread.Of(done.Select(o => o.Trial.TrainingSeconds)));
    }
}
