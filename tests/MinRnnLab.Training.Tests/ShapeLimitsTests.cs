using MinRnnLab.Config;
using MinRnnLab.Training.Data;
using MinRnnLab.Training.Trainer;

namespace MinRnnLab.Training.Tests;

/// <summary>Sizes that would crash or swamp native code are refused by config validation, naming the keys and values.</summary>
public class ShapeLimitsTests
{
    private static RunConfig Bind(params (string Key, string Value)[] values) =>
        ConfigBinder.Bind(values.Select(v => new ConfigValue(v.Key, v.Value, $"--{v.Key}")));

    [Fact]
    public void BlockSizeLongerThanTheValidationSplitIsRefused()
    {
        var error = Assert.Throws<ConfigException>(() => Bind(("arch", "mingru"), ("block_size", "2000000"), ("max_iters", "2")));

        Assert.Contains("'block_size' = 2000000", error.Message);
        Assert.Contains("validation split of 111,540", error.Message);
    }

    [Fact]
    public void TheLongestBlockTheValidationSplitAllowsIsAccepted()
    {
        var config = Bind(("arch", "mingru"), ("block_size", "111539"), ("batch_size", "1"));

        Assert.Equal(111_539, config.Model.BlockSize);
        Assert.Throws<ConfigException>(() => Bind(("arch", "mingru"), ("block_size", "111540"), ("batch_size", "1")));
    }

    [Fact]
    public void AttentionScoresTooLargeForMemoryAreRefusedNamingTheKeys()
    {
        var error = Assert.Throws<ConfigException>(() => Bind(("arch", "transformer"), ("block_size", "100000")));

        Assert.Contains("'block_size' = 100000", error.Message);
        Assert.Contains("batch_size = 64", error.Message);
        Assert.Contains("n_head = 6", error.Message);
        Assert.Contains("attention scores", error.Message);
    }

    [Fact]
    public void RecurrentActivationsTooLargeForMemoryAreRefusedNamingTheKeys()
    {
        var error = Assert.Throws<ConfigException>(() => Bind(("arch", "mingru"), ("block_size", "100000"), ("batch_size", "64")));

        Assert.Contains("n_embd = 384", error.Message);
        Assert.Contains("expansion = 2", error.Message);
    }

    [Fact]
    public void ProductsThatOverflowALongAreStillRefused()
    {
        // Binding refuses each of these sizes alone now (ConfigLimits): the product is ShapeLimits' own to check.
        var model = new ModelConfig { Arch = Architecture.Transformer, NHead = 2_000_000_000, NEmbd = 2_000_000_000, BlockSize = 100_000 };
        var error = Assert.Throws<ConfigException>(() => ShapeLimits.Check(model, new TrainConfig { BatchSize = 2_000_000_000 }));

        Assert.Contains("block_size", error.Message);
    }

    [Fact]
    public void ModelsWithTooManyParametersAreRefused()
    {
        var error = Assert.Throws<ConfigException>(() => Bind(("arch", "mingru"), ("n_embd", "65536"), ("n_layer", "8"), ("batch_size", "1"), ("block_size", "8")));

        Assert.Contains("'n_embd' = 65536 with n_layer = 8", error.Message);
    }

    [Fact]
    public void TheDefaultsAndThePresetsPass()
    {
        Bind();
        foreach (var preset in Presets.Names)
            ConfigBinder.Bind(Presets.Get(preset));
    }

    [Fact]
    public void ACorpusShorterThanTheBlockIsRefusedBeforeAnyBatchIsDrawn()
    {
        using var data = new CharDataset(string.Concat(Enumerable.Repeat("abcdefghij", 10)));   // splits of 90 and 10 characters
        var config = Bind(("arch", "mingru"), ("block_size", "32"), ("n_embd", "8"), ("n_layer", "1"), ("batch_size", "2"));

        var error = Assert.Throws<ConfigException>(() => new TrainingLoop(config, data, new RecordingObserver()));

        Assert.Contains("'block_size' = 32", error.Message);
        Assert.Contains("validation split 10", error.Message);
    }
}
