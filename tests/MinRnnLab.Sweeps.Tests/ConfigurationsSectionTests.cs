using MinRnnLab.Config;

namespace MinRnnLab.Sweeps.Tests;

public class ConfigurationsSectionTests
{
    private const string Listed = Sweeps.GridHeader + """
        seeds: 3
        seed_order: rounds
        base:
          preset: tiny
          n_layer: 1
        configurations:
          - {arch: transformer}
          - {arch: MinGRU, block: gated}
          - {arch: mingru, conv_residual: true, rnn_bias: false, n_layer: 2}

        """;

    [Fact]
    public void ListedConfigurationsRunInRoundsOfOneSeedEach()
    {
        var sweep = Sweeps.Valid(Listed);

        var trials = TrialExpander.Expand(sweep).ToList();

        Assert.Equal(9, TrialExpander.Count(sweep));
        Assert.Equal(Enumerable.Range(0, 9), trials.Select(t => t.Index));
        Assert.Equal([0, 0, 0, 1, 1, 1, 2, 2, 2], trials.Select(t => t.SeedIndex));
        Assert.Equal([1337L, 1337, 1337, 1338, 1338, 1338, 1339, 1339, 1339], trials.Select(t => t.Config.Train.Seed));
        Assert.Equal(["transformer", "mingru", "mingru"], trials.Take(3).Select(t => t.Parameters["arch"]));
        Assert.All(trials, t => Assert.Equal(trials[t.Index % 3].Parameters, t.Parameters));
        Assert.All(trials, t => Assert.Equal(t.Index % 3, TrialExpander.ConfigurationIndex(sweep, t.Index)));
    }

    [Fact]
    public void EachConfigurationAppliesOverTheBase()
    {
        var trials = TrialExpander.Expand(Sweeps.Valid(Listed)).Take(3).Select(t => t.Config.Model).ToList();

        Assert.Equal((Architecture.Transformer, 1, (BlockShape?)null), (trials[0].Arch, trials[0].NLayer, trials[0].Block));
        Assert.Equal((Architecture.MinGru, 1, BlockShape.Gated), (trials[1].Arch, trials[1].NLayer, trials[1].EffectiveBlock()));
        Assert.Equal((2, (bool?)true, false), (trials[2].NLayer, trials[2].ConvResidual, trials[2].HasRnnBias()));
    }

    [Fact]
    public void ExpansionResumesMidRound()
    {
        var sweep = Sweeps.Valid(Listed);

        var resumed = TrialExpander.Expand(sweep, from: 4).ToList();

        Assert.Equal(TrialExpander.Expand(sweep).Skip(4).Select(t => (t.Index, t.Seed, t.Parameters["arch"])),
            resumed.Select(t => (t.Index, t.Seed, t.Parameters["arch"])));
        Assert.Equal(TrialExpander.Trial(sweep, 4, resumed[0].Parameters).Config, resumed[0].Config);
    }

    [Fact]
    public void RoundsAlsoOrderAParameterGrid()
    {
        var sweep = Sweeps.Valid(Sweeps.GridHeader + "seeds: 2\nseed_order: rounds\nbase: {preset: tiny}\nparameters:\n  arch: {values: [transformer, mingru]}\n");

        var trials = TrialExpander.Expand(sweep).Select(t => (t.Parameters["arch"], t.SeedIndex)).ToList();

        Assert.Equal([("transformer", 0), ("mingru", 0), ("transformer", 1), ("mingru", 1)], trials);
    }

    [Theory]
    [InlineData("configurations: []\n", "non-empty list")]
    [InlineData("configurations:\n  - {arch: mingru, learning_rat: 1e-3}\n", "did you mean 'learning_rate'")]
    [InlineData("configurations:\n  - {arch: mingru, block: round}\n", "paper, gated")]
    [InlineData("configurations:\n  - {arch: mingru}\n  - {arch: mingru}\n", "repeats an earlier one")]
    [InlineData("configurations:\n  - {arch: mingru, preset: tiny}\n", "put it under base")]
    [InlineData("configurations:\n  - {arch: mamba, block: paper}\n", "gated block only")]
    [InlineData("parameters:\n  lr: {values: [1]}\nconfigurations:\n  - {arch: mingru}\n", "use one")]
    [InlineData("seed_order: shuffled\n", "seed_order")]
    public void BadConfigurationsAreErrorsThatSayWhy(string section, string expected)
    {
        var errors = Sweeps.Errors(Sweeps.GridHeader + "base: {preset: tiny}\n" + section);

        Assert.Contains(errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("configurations:\n  - {arch: mingru}\n", "configurations needs method: grid")]
    [InlineData("seed_order: rounds\nparameters:\n  arch: {values: [mingru]}\n", "seed_order needs method: grid")]
    public void RoundsAndListsNeedAGrid(string section, string expected)
    {
        var errors = Sweeps.Errors(Sweeps.RandomHeader + "base: {preset: tiny}\n" + section);

        Assert.Contains(errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }
}
