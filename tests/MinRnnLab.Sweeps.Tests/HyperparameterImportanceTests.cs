using System.Globalization;
using Xunit.Abstractions;
using MinRnnLab.Sweeps.Importance;

namespace MinRnnLab.Sweeps.Tests;

/// <summary>
/// fANOVA on synthetic objectives whose answer is known: which parameter carries the variance, which two share it,
/// which does nothing. The trials are the random search's own draws, so the inputs are what a sweep would hand in.
/// </summary>
public class HyperparameterImportanceTests(ITestOutputHelper output)
{
    private const string ThreeKnobs = """
        name: knobs
        metric: {name: val_loss, goal: minimize}
        method: random
        run_cap: 60
        base:
          preset: tiny
        parameters:
          learning_rate: {distribution: log_uniform, min: 1e-4, max: 1e-1}
          dropout: {distribution: uniform, min: 0, max: 0.5}
          weight_decay: {distribution: uniform, min: 0, max: 1}
          arch: {values: [mingru, minlstm, transformer]}
        """;

    private static readonly SweepDefinition Knobs = Sweeps.Valid(ThreeKnobs);

    [Fact]
    public void TheParameterCarryingTheVarianceRanksFirst()
    {
        // Loss moves 1.0 per decade of learning rate, 0.1 over dropout's range, and not at all with the rest.
        var report = Evaluate(Knobs, 60, p => Math.Log10(Number(p, "learning_rate")) + 0.2 * Number(p, "dropout"));

        output.WriteLine($"ranking: {Describe(report)}");                             // the figures the note quotes
        Assert.True(report.HasResult, report.Reason);
        Assert.Equal("learning_rate", report.Parameters[0].Key);
        Assert.Equal(AxisScale.Log, report.Parameters[0].Scale);
        Assert.True(report.Parameters[0].Importance > 0.9, Describe(report));
        Assert.Equal(1.0, report.Parameters.Sum(p => p.Importance), 6);
    }

    [Fact]
    public void TwoParametersOfEqualWeightComeOutCloseAndOneWithNoEffectNearZero()
    {
        // dropout spans 0.5 and weight_decay 1: scaled so each moves the loss by the same amount over its range.
        var report = Evaluate(Knobs, 60, p => 2 * Number(p, "dropout") + Number(p, "weight_decay"));

        output.WriteLine($"ranking: {Describe(report)}");
        var importance = report.Parameters.ToDictionary(p => p.Key, p => p.Importance);
        Assert.True(Math.Abs(importance["dropout"] - importance["weight_decay"]) < 0.15, Describe(report));
        Assert.True(importance["learning_rate"] < 0.05, Describe(report));
        Assert.True(importance["arch"] < 0.05, Describe(report));
    }

    [Fact]
    public void ACategoricalParameterIsSplitByItsCategories()
    {
        var penalty = new Dictionary<string, double> { ["mingru"] = 0, ["minlstm"] = 1, ["transformer"] = 0.5 };
        var report = Evaluate(Knobs, 60, p => penalty[p["arch"]] + 0.01 * Number(p, "dropout"));

        Assert.Equal("arch", report.Parameters[0].Key);
        Assert.Equal(AxisScale.Categorical, report.Parameters[0].Scale);
        Assert.True(report.Parameters[0].Importance > 0.9, Describe(report));
    }

    [Fact]
    public void TheSpreadIsTheDisagreementOfForestsOfDifferentSeeds()
    {
        var report = Evaluate(Knobs, 30, p => Number(p, "dropout") + Number(p, "weight_decay") / 2);

        Assert.All(report.Parameters, p => Assert.True(p.Spread >= 0 && p.Spread < 0.2, Describe(report)));
        Assert.Contains(report.Parameters, p => p.Spread > 0);
        Assert.DoesNotContain(Evaluate(Knobs, 30, p => Number(p, "dropout"), forestSeeds: 1).Parameters, p => p.Spread != 0);
    }

    [Fact]
    public void BelowTheMinimumTrialsThereAreNoBarsAndTheReasonSaysHowManyAreNeeded()
    {
        var report = Evaluate(Knobs, HyperparameterImportance.MinimumTrials - 1, p => Number(p, "dropout"));

        Assert.False(report.HasResult);
        Assert.Equal($"7 finished trials with a result; importance needs at least {HyperparameterImportance.MinimumTrials}", report.Reason);
    }

    [Fact]
    public void TrialsWithoutAResultDoNotCount()
    {
        var trials = Trials(Knobs, 12, p => Number(p, "dropout")).Select((t, i) => i < 6 ? t with { Objective = double.NaN } : t).ToList();

        var report = HyperparameterImportance.Evaluate(Knobs, trials);

        Assert.Equal(6, report.Trials);
        Assert.False(report.HasResult);
    }

    [Fact]
    public void ConstantsAndParametersOfOnlySomeArchitecturesAreNamedAsLeftOut()
    {
        var sweep = Sweeps.Valid(ThreeKnobs + "\n  n_head: {values: [1, 2], when: {arch: transformer}}\n  beta1: {value: 0.9}\n");

        var report = Evaluate(sweep, 40, p => Number(p, "dropout"));

        Assert.Equal(["beta1: takes one value", "n_head: not set in every trial (a `when` parameter)"], report.Left);
        Assert.DoesNotContain(report.Parameters, p => p.Key is "n_head" or "beta1");
    }

    [Fact]
    public void AValueOffItsAxisIsAnErrorNamingTheTrialAndKey()
    {
        var trials = Trials(Knobs, 10, p => Number(p, "dropout")).ToList();
        trials[3] = trials[3] with { Parameters = new Dictionary<string, string>(trials[3].Parameters) { ["arch"] = "rwkv" } };

        var error = Assert.Throws<ArgumentException>(() => HyperparameterImportance.Evaluate(Knobs, trials));

        Assert.Equal("trial 3: 'arch' is 'rwkv', which is none of mingru, minlstm, transformer", error.Message);
    }

    [Fact]
    public void AFlatObjectiveGivesEveryParameterZero()
    {
        var report = Evaluate(Knobs, 20, _ => 1.5);

        Assert.All(report.Parameters, p => Assert.Equal(0, p.Importance));
    }

    private static ImportanceReport Evaluate(SweepDefinition sweep, int trials, Func<IReadOnlyDictionary<string, string>, double> objective,
        int forestSeeds = HyperparameterImportance.ForestSeeds) =>
        HyperparameterImportance.Evaluate(sweep, Trials(sweep, trials, objective).ToList(), forestSeeds);

    private static IEnumerable<CompletedTrial> Trials(SweepDefinition sweep, int count, Func<IReadOnlyDictionary<string, string>, double> objective) =>
        RandomSearch.Configurations(sweep).Take(count).Select((p, i) => new CompletedTrial(i, p, objective(p)));

    private static double Number(IReadOnlyDictionary<string, string> p, string key) => double.Parse(p[key], CultureInfo.InvariantCulture);

    private static string Describe(ImportanceReport report) =>
        string.Join(", ", report.Parameters.Select(p => $"{p.Key} {p.Importance:F3} ± {p.Spread:F3}"));
}
