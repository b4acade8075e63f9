using System.Globalization;

namespace MinRnnLab.Sweeps.Tests;

public class TpeSamplerTests
{
    private static readonly SweepDefinition Mixed = Sweeps.Valid(SyntheticObjectives.MixedSweep);

    [Fact]
    public void StartupConfigurationsAreTheRandomSweepsDrawsWhateverTheHistory()
    {
        var history = Run(Mixed, 15);

        var startup = Enumerable.Range(0, 10).Select(c => Flatten(TpeSampler.Suggest(Mixed, history, c)));

        Assert.Equal(RandomSearch.Configurations(Mixed).Take(10).Select(Flatten), startup);
    }

    [Fact]
    public void ASuggestionDependsOnTheSetOfFinishedTrialsNotOnTheOrderTheyFinished()
    {
        var history = Run(Mixed, 20);
        var reordered = history.OrderBy(t => (t.Index * 7) % 11).ToList();

        var suggestion = Flatten(TpeSampler.Suggest(Mixed, history, 20));

        Assert.Equal(suggestion, Flatten(TpeSampler.Suggest(Mixed, reordered, 20)));
        Assert.Equal(suggestion, Flatten(TpeSampler.Suggest(Mixed, history, 20)));
        Assert.NotEqual(suggestion, Flatten(TpeSampler.Suggest(Mixed, history, 21)));
        Assert.NotEqual(suggestion, Flatten(TpeSampler.Suggest(Mixed with { SamplerSeed = 2 }, history, 20)));
    }

    [Fact]
    public void SuggestionsStayInsideTheirRangesAndConditionalKeysFollowTheirArchitecture()
    {
        var trials = Run(Mixed, 40);

        Assert.All(trials, t =>
        {
            var p = t.Parameters;
            Assert.Equal(p["arch"] == "transformer", p.ContainsKey("n_head"));
            Assert.InRange(Number(p["learning_rate"]), 1e-5, 1e-1);
            Assert.InRange(Number(p["dropout"]), 0, 0.5);
            Assert.True(int.TryParse(p["n_layer"], CultureInfo.InvariantCulture, out var layers) && layers is >= 1 and <= 8, p["n_layer"]);
        });
    }

    [Fact]
    public void AMaximizedMetricIsSearchedAsTheMirrorImageOfAMinimizedOne()
    {
        var history = Run(Mixed, 25);
        var maximize = Mixed with { Metric = Mixed.Metric with { Goal = MetricGoal.Maximize } };
        var negated = history.Select(t => t with { Objective = -t.Objective }).ToList();

        Assert.Equal(Flatten(TpeSampler.Suggest(Mixed, history, 25)), Flatten(TpeSampler.Suggest(maximize, negated, 25)));
    }

    [Fact]
    public void AfterTheStartupTrialsSuggestionsConcentrateWhereResultsWereGood()
    {
        var sweep = Sweeps.Valid("""
            name: lr
            metric: {name: val_loss, goal: maximize}
            method: bayes
            run_cap: 40
            base: {min_lr: 0}
            parameters:
              learning_rate: {distribution: log_uniform, min: 1e-5, max: 1e-1}
            """);
        // Best at 1e-3, in the middle of the range on a log scale; maximised, so the objective is a negated distance.
        var trials = Run(sweep, 40, p => -Math.Abs(Math.Log10(Number(p["learning_rate"])) + 3));

        var late = trials.Skip(25).Select(t => Math.Abs(Math.Log10(Number(t.Parameters["learning_rate"])) + 3)).Order().ToList();

        Assert.True(late[late.Count / 2] < 0.5, $"median distance of the last 15 suggestions from 1e-3: {late[late.Count / 2]} decades");
    }

    [Fact]
    public void FailedTrialsWithoutAnObjectiveAreIgnored()
    {
        var history = Run(Mixed, 20);
        var withFailures = history.Concat([new CompletedTrial(20, history[0].Parameters, double.NaN)]).ToList();

        Assert.Equal(Flatten(TpeSampler.Suggest(Mixed, history, 21)), Flatten(TpeSampler.Suggest(Mixed, withFailures, 21)));
    }

    [Fact]
    public void ABayesTrialIsBoundFromItsSuggestedParametersWithItsSeedIndex()
    {
        var sweep = Mixed with { Seeds = 2 };
        var parameters = TpeSampler.Suggest(sweep, Run(sweep, 12), TrialExpander.ConfigurationIndex(sweep, 25));

        var trial = TrialExpander.Trial(sweep, 25, parameters);

        Assert.Equal(12, TrialExpander.ConfigurationIndex(sweep, 25));
        Assert.Equal((25, 1, 1338L), (trial.Index, trial.SeedIndex, trial.Seed));
        Assert.Equal(Number(parameters["learning_rate"]), trial.Config.Train.LearningRate);
        Assert.Equal(int.Parse(parameters["n_layer"], CultureInfo.InvariantCulture), trial.Config.Model.NLayer);
    }

    [Fact]
    public void WithoutResultsABayesSweepExpandsAsTheRandomSweepWithItsSeed()
    {
        var random = Mixed with { Method = SearchMethod.Random };

        Assert.Equal(TrialExpander.Expand(random).Select(t => Flatten(t.Parameters)), TrialExpander.Expand(Mixed).Select(t => Flatten(t.Parameters)));
        Assert.Equal(40, TrialExpander.Count(Mixed));
    }

    /// <summary>A sequential bayes sweep on the synthetic objective: suggest, "train", record, repeat.</summary>
    private static List<CompletedTrial> Run(SweepDefinition sweep, int trials, Func<IReadOnlyDictionary<string, string>, double>? objective = null)
    {
        var history = new List<CompletedTrial>();
        for (var c = 0; c < trials; c++)
        {
            var parameters = TpeSampler.Suggest(sweep, history, c);
            history.Add(new CompletedTrial(c, parameters, (objective ?? SyntheticObjectives.Mixed)(parameters)));
        }
        return history;
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static string Flatten(IReadOnlyDictionary<string, string> parameters) => string.Join(' ', parameters.Select(p => $"{p.Key}={p.Value}"));
}
