using MinRnnLab.Config;

namespace MinRnnLab.Config.Tests;

/// <summary>The block-shape keys (`block`, `conv_residual`, `mlp`, `rnn_bias`, `init`) as users type them.</summary>
public class BlockConfigTests
{
    private static RunConfig Bind(params (string Key, string Value)[] values) =>
        ConfigBinder.Bind(values.Select(v => new ConfigValue(v.Key, v.Value, $"--{v.Key}")));

    [Fact]
    public void DefaultsLeaveEachArchitectureItsOwnBlock()
    {
        var model = new RunConfig().Model;

        Assert.Equal((null, null, null, null, InitScheme.Nanogpt), (model.Block, model.ConvResidual, model.Mlp, model.RnnBias, model.Init));
        Assert.Equal(BlockShape.Paper, (model with { Arch = Architecture.MinGru }).EffectiveBlock());
        Assert.Equal(BlockShape.Gated, (model with { Arch = Architecture.Mamba }).EffectiveBlock());
        Assert.False((model with { Arch = Architecture.Mamba }).HasMlp());
        Assert.True((model with { Arch = Architecture.MinLstm }).HasMlp());
    }

    [Fact]
    public void BlockKeysBindFromText()
    {
        var model = Bind(("arch", "mingru"), ("block", "Gated"), ("mlp", "true"), ("rnn_bias", "false"), ("init", "pytorch")).Model;

        Assert.Equal((BlockShape.Gated, true, false, InitScheme.Pytorch), (model.Block!.Value, model.Mlp!.Value, model.RnnBias!.Value, model.Init));
    }

    [Fact]
    public void AutoUnsetsAnOptionalKeySetEarlier()
    {
        var model = Bind(("arch", "mingru"), ("block", "gated"), ("mlp", "false"), ("block", "auto"), ("mlp", "AUTO")).Model;

        Assert.Null(model.Block);
        Assert.Null(model.Mlp);
    }

    [Theory]
    [InlineData("block", "round", "one of paper, gated or auto")]
    [InlineData("init", "xavier", "one of nanogpt, normal, pytorch")]
    [InlineData("mlp", "yes", "true or false or auto")]
    [InlineData("conv_residual", "yes", "true or false or auto")]
    public void BadValuesSayWhatIsExpected(string key, string value, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => Bind((key, value)));

        Assert.Contains($"'{key}'", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData(Architecture.MinGru, null, true)]
    [InlineData(Architecture.MinLstm, null, true)]
    [InlineData(Architecture.MinGru, BlockShape.Gated, false)]
    [InlineData(Architecture.Mamba, null, false)]
    [InlineData(Architecture.Transformer, null, false)]
    public void TheConvResidualIsOnByDefaultInThePaperBlockOnly(Architecture arch, BlockShape? block, bool expected)
    {
        var model = new ModelConfig { Arch = arch, Block = block };

        Assert.Equal(expected, model.HasConvResidual());
        model.Validate();                                                               // auto is valid wherever it resolves
    }

    [Fact]
    public void AnExplicitFalseTurnsTheConvResidualOff()
    {
        var model = Bind(("arch", "mingru"), ("conv_residual", "false")).Model;

        Assert.False(model.HasConvResidual());
    }

    [Fact]
    public void ImpossibleShapesAreRejectedByKey()
    {
        var mamba = Assert.Throws<ConfigException>(() => Bind(("arch", "mamba"), ("block", "paper")));
        var gated = Assert.Throws<ConfigException>(() => Bind(("arch", "minlstm"), ("block", "gated"), ("conv_residual", "true")));

        Assert.Contains("'block' = paper", mamba.Message);
        Assert.Contains("'conv_residual'", gated.Message);
    }

    [Fact]
    public void BlockKeysRoundTripThroughJsonAndOldConfigsReadAsDefaults()
    {
        var config = Bind(("arch", "minlstm"), ("block", "gated"), ("mlp", "true"), ("init", "normal"));
        var json = ConfigJson.Serialize(config);
        var old = ConfigJson.Deserialize("""{"model": {"arch": "mamba", "n_layer": 2}, "train": {}}""");

        Assert.Contains("\"block\": \"gated\"", json);
        Assert.Contains("\"init\": \"normal\"", json);
        Assert.Equal(config, ConfigJson.Deserialize(json));
        Assert.Equal((null, null, InitScheme.Nanogpt), (old.Model.Block, old.Model.Mlp, old.Model.Init));
    }
}
