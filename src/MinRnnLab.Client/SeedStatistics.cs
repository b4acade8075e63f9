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
/// One configuration's seeds summarized. <see cref="Runs"/> counts its succeeded trials, the only ones summarized (a
/// pruned or failed run's losses are not a result); <see cref="StepsToTarget"/>.N of them reached the target.
/// </summary>
/// <param name="Variant">The configuration's parameters other than arch (<see cref="SweepReport.Variant"/>); null for an
/// architecture trained in one configuration only.</param>
/// <param name="Configurations">For an architecture's row, how many configurations it was trained in: above one, the row is
/// its best configuration's seeds (named by <paramref name="Variant"/>), never the configurations pooled. 1 for a configuration's row.</param>
/// <param name="Running">Of <paramref name="Runs"/>, the seeds still training (counted only when the statistics are live):
/// their numbers are so far, and will change.</param>
public sealed record SeedStatisticsRow(
    string Arch, string? Variant, int Trials, int Runs, Spread BestMetric, Spread FinalValLoss, Spread StepsToTarget, Spread TrainingSeconds,
    int Configurations = 1, int Running = 0)
{
    /// <summary>"3", or "3 (1 running)" while some of the seeds counted are still training.</summary>
    public string RunsText => Running > 0 ? $"{Runs} ({Running} running)" : $"{Runs}";

    /// <summary>`mingru` for an architecture, `mingru block=gated` for a configuration (as the curves' legend names it).</summary>
    public string Label => Variant is null ? Arch : ArchitectureRow.ConfigurationLabel(Arch, Variant);

    /// <summary>
    /// An architecture's row as tables name it: `mingru`, or `mingru block=gated (best of 2 configurations)` when it was
    /// trained in several, so no reader takes the row for the architecture's configurations pooled.
    /// </summary>
    public string ArchitectureLabel => Configurations > 1 ? $"{Label} (best of {Configurations} configurations)" : Label;

    /// <summary>"3/4" seeds reached the target; "–" when none succeeded.</summary>
    public string Reached => Runs == 0 ? "–" : $"{StepsToTarget.N}/{Runs}";
}

/// <summary>
/// Seed statistics of a sweep, per configuration (trials sharing every parameter but the seed) and per architecture
/// (its best configuration): n, mean ± std of the best of the sweep's metric and of the final validation loss, steps to
/// target and training time.
/// Only seeds are pooled: an architecture's configurations differ by more than chance, so a std over them would
/// measure the sweep's grid, not the seed's noise (two configurations of std 0.015 and 0.0008 read 0.064 pooled).
/// </summary>
public static class SeedStatistics
{
    /// <summary>
    /// One row per architecture: its seeds when it ran in one configuration, else its best configuration's seeds (the
    /// best mean of the sweep's metric over succeeded seeds), with <see cref="SeedStatisticsRow.Configurations"/> saying how many it ran.
    /// </summary>
    /// <param name="live">Also counts running seeds that have been evaluated, at their numbers so far (a page during the
    /// sweep: its curves already show them); a report counts succeeded seeds only.</param>
    /// <param name="metric">The sweep's metric, which picks the best configuration; null: val_loss.</param>
    public static IReadOnlyList<SeedStatisticsRow> ByArchitecture(IEnumerable<SeedOutcome> outcomes, bool live = false, SweepMetric? metric = null) =>
        ByConfiguration(outcomes, live).GroupBy(r => r.Arch).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var configurations = g.ToList();
                if (configurations.Count == 1)
                    return configurations[0] with { Variant = null };
                var best = (metric ?? SweepMetric.ValLoss).Rank(configurations, r => r.BestMetric.Mean).ThenBy(r => r.Variant, StringComparer.Ordinal).First();
                return best with { Configurations = configurations.Count };
            }).ToList();

    public static IReadOnlyList<SeedStatisticsRow> ByConfiguration(IEnumerable<SeedOutcome> outcomes, bool live = false) =>
        outcomes.GroupBy(o => (o.Trial.Arch, Variant: SweepReport.Variant(o.Trial)))
            .OrderBy(g => g.Key.Arch, StringComparer.Ordinal).ThenBy(g => g.Key.Variant, StringComparer.Ordinal)
            .Select(g => Summarize(g.Key.Arch, g.Key.Variant, g.ToList(), live)).ToList();

    /// <summary>True when some architecture was trained in more than one configuration (else the two tables say the same).</summary>
    public static bool HasConfigurations(IEnumerable<SeedOutcome> outcomes) =>
        outcomes.GroupBy(o => o.Trial.Arch).Any(g => g.Select(o => SweepReport.Variant(o.Trial)).Distinct().Count() > 1);

    private static SeedStatisticsRow Summarize(string arch, string? variant, IReadOnlyList<SeedOutcome> group, bool live)
    {
        var running = live ? group.Count(Evaluated) : 0;
        var done = group.Where(o => o.Trial.State == RunState.Succeeded || (live && Evaluated(o))).ToList();
        return new SeedStatisticsRow(arch, variant, group.Count, done.Count,
            Spread.Of(done.Select(o => o.Trial.BestMetric).OfType<double>()),
            Spread.Of(done.Select(o => o.FinalValLoss).OfType<double>()),
            Spread.Of(done.Select(o => o.Trial.StepsToTarget).OfType<int>().Select(s => (double)s)),
            Spread.Of(done.Select(o => o.Trial.TrainingSeconds)), Running: running);
    }

    private static bool Evaluated(SeedOutcome o) => o.Trial.State == RunState.Running && o.Trial.BestMetric is not null;
}
