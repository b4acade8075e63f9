using System.Globalization;
using Xunit.Abstractions;

namespace MinRnnLab.Sweeps.Tests;

/// <summary>
/// TPE against random search on the same budget (40 trials) over 30 sampler seeds. The first startup_trials
/// draws are identical for both (TPE starts as the random sweep with its seed), so each pair differs only in
/// what TPE learned. The numbers printed here are the table in docs/sweep-files.md.
/// </summary>
public class TpeBenchmarkTests(ITestOutputHelper output)
{
    private const int Budget = 40;
    private const int SamplerSeeds = 30;

    [Theory]
    [InlineData(SyntheticObjectives.BraninSweep, "branin")]
    [InlineData(SyntheticObjectives.MixedSweep, "mixed")]
    public void TpeFindsBetterBestObjectivesThanRandomSearchOnTheSameBudget(string yaml, string objective)
    {
        var sweep = Sweeps.Valid(yaml);
        Func<IReadOnlyDictionary<string, string>, double> f = objective == "branin" ? SyntheticObjectives.Branin : SyntheticObjectives.Mixed;

        var pairs = Enumerable.Range(1, SamplerSeeds).Select(seed => sweep with { SamplerSeed = seed })
            .Select(s => (Tpe: BestOfTpe(s, f), Random: BestOfRandom(s, f)))
            .ToList();

        var (tpe, random) = (pairs.Average(p => p.Tpe), pairs.Average(p => p.Random));
        var wins = pairs.Count(p => p.Tpe < p.Random);
        var ties = pairs.Count(p => p.Tpe == p.Random);   // the best was a start-up draw, which both share
        var losses = SamplerSeeds - wins - ties;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{objective}: mean best TPE {tpe:F4} vs random {random:F4}; median {Median(pairs.Select(p => p.Tpe)):F4} vs {Median(pairs.Select(p => p.Random)):F4}; " +
            $"TPE better in {wins}/{SamplerSeeds} seeds, worse in {losses}, tied in {ties}"));
        Assert.True(tpe < 0.85 * random, $"mean best: TPE {tpe} not clearly below random {random}");
        Assert.True(wins >= 1.5 * losses, $"TPE better in {wins} seeds, worse in {losses}");
    }

    private static double BestOfTpe(SweepDefinition sweep, Func<IReadOnlyDictionary<string, string>, double> f)
    {
        var history = new List<CompletedTrial>();
        for (var c = 0; c < Budget; c++)
        {
            var parameters = TpeSampler.Suggest(sweep, history, c);
            history.Add(new CompletedTrial(c, parameters, f(parameters)));
        }
        return history.Min(t => t.Objective);
    }

    private static double BestOfRandom(SweepDefinition sweep, Func<IReadOnlyDictionary<string, string>, double> f) =>
        RandomSearch.Configurations(sweep).Take(Budget).Min(f);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}
