using System.Globalization;
using MinRnnLab.Config;

namespace MinRnnLab.Sweeps.Tests;

public class TrialExpanderTests
{
    private const string ConditionalGrid = Sweeps.GridHeader + """
        seeds: 2
        base:
          preset: tiny
        parameters:
          arch: {values: [transformer, mingru, mamba]}
          learning_rate: {values: [1e-3, 3e-3]}
          n_head: {values: [2, 4], when: {arch: transformer}}
          d_state: {values: [8, 16], when: {arch: mamba}}

        """;

    private const string RandomSpace = """
        name: r
        metric: {name: val_loss}
        method: random
        seed: 5
        run_cap: 40
        base:
          preset: tiny
        parameters:
          arch: {values: [transformer, mingru]}
          learning_rate: {distribution: log_uniform, min: 1e-4, max: 1e-2}
          n_layer: {distribution: int_uniform, min: 1, max: 3}
          dropout: {distribution: uniform, min: 0.0, max: 0.3}
          n_head: {values: [2, 4], when: {arch: transformer}}
          bias: {value: false}
        """;

    // A sweep grain keeps one BoundConfigurations and expands from every trial index over its life; each expansion must
    // give the trials a fresh one gives, whatever was bound before (a wrong configuration index gives another config).
    [Theory]
    [InlineData(ConditionalGrid)]
    [InlineData(RandomSpace)]
    [InlineData(ConditionalGrid + "seed_order: rounds\n")]
    public void ConfigurationsBoundOnceGiveTheTrialsAFreshExpansionGives(string yaml)
    {
        var sweep = Sweeps.Valid(yaml);
        var bound = new BoundConfigurations(sweep);
        var count = (int)Math.Min(TrialExpander.Count(sweep), 40);
        foreach (var from in new[] { 7, 0, 3, 11, 1, count - 1 })
        {
            var kept = TrialExpander.Expand(bound, from).Take(5).ToList();
            var fresh = TrialExpander.Expand(sweep, from).Take(5).ToList();
            Assert.Equal(fresh.Select(t => (t.Index, t.Seed, t.Config)), kept.Select(t => (t.Index, t.Seed, t.Config)));
            Assert.Equal(fresh.Select(t => t.Parameters), kept.Select(t => t.Parameters));
        }
        var first = TrialExpander.Expand(sweep).First();
        Assert.Same(bound.For(0, first.Parameters), bound.For(0, first.Parameters));   // bound once
    }

    [Fact]
    public void GridIsTheProductOfTheParametersThatApplyToEachArchitecture()
    {
        var sweep = Sweeps.Valid(ConditionalGrid);

        var configurations = TrialExpander.Expand(sweep).Where(t => t.SeedIndex == 0).Select(t => Flatten(t.Parameters)).ToList();

        Assert.Equal(
        [
            "arch=transformer learning_rate=1e-3 n_head=2", "arch=transformer learning_rate=1e-3 n_head=4",
            "arch=transformer learning_rate=3e-3 n_head=2", "arch=transformer learning_rate=3e-3 n_head=4",
            "arch=mingru learning_rate=1e-3", "arch=mingru learning_rate=3e-3",
            "arch=mamba learning_rate=1e-3 d_state=8", "arch=mamba learning_rate=1e-3 d_state=16",
            "arch=mamba learning_rate=3e-3 d_state=8", "arch=mamba learning_rate=3e-3 d_state=16",
        ], configurations);
    }

    [Fact]
    public void EachConfigurationRunsOncePerSeedWithAdjacentSeeds()
    {
        var sweep = Sweeps.Valid(ConditionalGrid);

        var trials = TrialExpander.Expand(sweep).ToList();

        Assert.Equal(20, trials.Count);
        Assert.Equal(20, TrialExpander.Count(sweep));
        Assert.Equal(Enumerable.Range(0, 20), trials.Select(t => t.Index));
        Assert.Equal(Enumerable.Repeat(new[] { 0, 1 }, 10).SelectMany(x => x), trials.Select(t => t.SeedIndex));
        Assert.Equal(Enumerable.Repeat(new[] { 1337L, 1338L }, 10).SelectMany(x => x), trials.Select(t => t.Seed));
        Assert.All(trials, t => Assert.Equal(t.Seed, t.Config.Train.Seed));
        Assert.All(trials.Chunk(2), pair => Assert.Equal(pair[0].Parameters, pair[1].Parameters));
    }

    [Fact]
    public void TrialConfigsCarryTheBaseAndTheChosenValues()
    {
        var sweep = Sweeps.Valid(ConditionalGrid);

        var trials = TrialExpander.Expand(sweep).ToList();

        Assert.All(trials, t => Assert.Equal(32, t.Config.Model.NEmbd));   // from the tiny preset
        var transformer = trials.Single(t => Flatten(t.Parameters) == "arch=transformer learning_rate=3e-3 n_head=4" && t.SeedIndex == 1);
        Assert.Equal((Architecture.Transformer, 4, 3e-3), (transformer.Config.Model.Arch, transformer.Config.Model.NHead, transformer.Config.Train.LearningRate));
        var mamba = trials.First(t => t.Parameters["arch"] == "mamba" && t.Parameters["d_state"] == "16");
        Assert.Equal((Architecture.Mamba, 16, 2), (mamba.Config.Model.Arch, mamba.Config.Model.DState, mamba.Config.Model.NHead));
    }

    [Fact]
    public void RunCapStopsTheGridEarlyInOrder()
    {
        var sweep = Sweeps.Valid(ConditionalGrid + "run_cap: 3\n");

        var trials = TrialExpander.Expand(sweep).ToList();

        Assert.Equal(3, TrialExpander.Count(sweep));
        Assert.Equal([(0, "arch=transformer learning_rate=1e-3 n_head=2", 0), (1, "arch=transformer learning_rate=1e-3 n_head=2", 1),
            (2, "arch=transformer learning_rate=1e-3 n_head=4", 0)], trials.Select(t => (t.Index, Flatten(t.Parameters), t.SeedIndex)));
    }

    [Fact]
    public void TheSweepCheckpointIntervalReachesEveryTrial()
    {
        var sweep = Sweeps.Valid(ConditionalGrid + "checkpoint_interval: 7\n");

        Assert.All(TrialExpander.Expand(sweep), t => Assert.Equal(7, t.Config.Train.CheckpointInterval));
    }

    [Fact]
    public void ASweepWithoutParametersRunsTheBaseOncePerSeed()
    {
        var sweep = Sweeps.Valid(Sweeps.GridHeader + "seeds: 3\nbase:\n  arch: mingru\n");

        var trials = TrialExpander.Expand(sweep).ToList();

        Assert.Equal([0, 1, 2], trials.Select(t => t.SeedIndex));
        Assert.All(trials, t => Assert.Empty(t.Parameters));
        Assert.All(trials, t => Assert.Equal(Architecture.MinGru, t.Config.Model.Arch));
    }

    [Fact]
    public void RandomDrawsRunCapTrialsInsideTheirRanges()
    {
        var sweep = Sweeps.Valid(RandomSpace);

        var trials = TrialExpander.Expand(sweep).ToList();

        Assert.Equal(40, trials.Count);
        foreach (var t in trials)
        {
            var lr = double.Parse(t.Parameters["learning_rate"], CultureInfo.InvariantCulture);
            Assert.InRange(lr, 1e-4, 1e-2);
            Assert.Equal(lr, t.Config.Train.LearningRate);
            Assert.InRange(t.Config.Model.NLayer, 1, 3);
            Assert.Equal(t.Parameters["n_layer"], t.Config.Model.NLayer.ToString(CultureInfo.InvariantCulture));
            Assert.InRange(t.Config.Model.Dropout, 0.0, 0.3);
            Assert.False(t.Config.Model.Bias);
            Assert.Equal(t.Parameters["arch"] == "transformer", t.Parameters.ContainsKey("n_head"));
        }
        Assert.Equal([1, 2, 3], trials.Select(t => t.Config.Model.NLayer).Distinct().Order());   // both ends of int_uniform are drawn
        Assert.Equal(2, trials.Select(t => t.Parameters["arch"]).Distinct().Count());
    }

    [Fact]
    public void RandomTrialsAreTheSameForTheSameSeedAndDifferForAnother()
    {
        var first = TrialExpander.Expand(Sweeps.Valid(RandomSpace)).Select(t => Flatten(t.Parameters)).ToList();
        var again = TrialExpander.Expand(Sweeps.Valid(RandomSpace)).Select(t => Flatten(t.Parameters)).ToList();
        var other = TrialExpander.Expand(Sweeps.Valid(RandomSpace.Replace("seed: 5", "seed: 6"))).Select(t => Flatten(t.Parameters)).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void RandomSeedsRepeatEachDrawnConfigurationUntilRunCap()
    {
        var sweep = Sweeps.Valid(RandomSpace.Replace("run_cap: 40", "run_cap: 5\nseeds: 2"));

        var trials = TrialExpander.Expand(sweep).ToList();

        Assert.Equal([0, 1, 0, 1, 0], trials.Select(t => t.SeedIndex));
        Assert.Equal(trials[0].Parameters, trials[1].Parameters);
        Assert.Equal(trials[2].Parameters, trials[3].Parameters);
        Assert.NotEqual(Flatten(trials[0].Parameters), Flatten(trials[2].Parameters));
    }

    [Fact]
    public void ExpansionIsLazySoOnlyRequestedTrialsAreBound()
    {
        // Built directly (the parser would reject n_layer 0): the second configuration cannot bind.
        var sweep = Sweeps.Valid(Sweeps.GridHeader) with
        {
            Parameters = [new ParameterSpec("n_layer", ParameterKind.Values, ["2", "0"], 0, 0, [])],
        };

        var first = TrialExpander.Expand(sweep).First();

        Assert.Equal(2, first.Config.Model.NLayer);
        Assert.Throws<ConfigException>(() => TrialExpander.Expand(sweep).ToList());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(19)]
    [InlineData(20)]
    public void ExpandingFromAnIndexEqualsSkippingThatManyTrials(int from)
    {
        var sweep = Sweeps.Valid(ConditionalGrid);

        var resumed = TrialExpander.Expand(sweep, from).Select(t => (t.Index, Flatten(t.Parameters), t.Seed));
        var skipped = TrialExpander.Expand(sweep).Skip(from).Select(t => (t.Index, Flatten(t.Parameters), t.Seed));

        Assert.Equal(skipped, resumed);
    }

    [Fact]
    public void ExpandingAPartlyStartedSweepDoesNotBindTheConfigurationsBeforeIt()
    {
        var sweep = Sweeps.Valid(Sweeps.GridHeader) with
        {
            Parameters = [new ParameterSpec("n_layer", ParameterKind.Values, ["0", "2"], 0, 0, [])],
        };

        Assert.Equal(2, TrialExpander.Expand(sweep, from: 1).Single().Config.Model.NLayer);
    }

    private static string Flatten(IReadOnlyDictionary<string, string> parameters) =>
        string.Join(' ', parameters.Select(p => $"{p.Key}={p.Value}"));
}
