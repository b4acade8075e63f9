using MinRnnLab.Config;

namespace MinRnnLab.Config.Tests;

public class ConfigTests
{
    private static RunConfig Bind(params (string Key, string Value)[] values) =>
        ConfigBinder.Bind(values.Select(v => new ConfigValue(v.Key, v.Value, $"--{v.Key}")));

    [Fact]
    public void UnknownKeyIsNamedWithASuggestion()
    {
        var error = Assert.Throws<ConfigException>(() => Bind(("lerning_rate", "1e-3")));
        Assert.Contains("'lerning_rate'", error.Message);
        Assert.Contains("did you mean 'learning_rate'", error.Message);
    }

    [Fact]
    public void BadValueNamesTheKeyTheValueAndWhatWasExpected()
    {
        var error = Assert.Throws<ConfigException>(() => Bind(("batch_size", "many")));
        Assert.Contains("'batch_size'", error.Message);
        Assert.Contains("'many'", error.Message);
        Assert.Contains("integer", error.Message);
    }

    [Fact]
    public void UnknownArchitectureListsTheKnownOnes()
    {
        var error = Assert.Throws<ConfigException>(() => Bind(("arch", "rwkv")));
        Assert.Contains("mingru", error.Message);
    }

    [Fact]
    public void ImpossibleValueIsRejectedByName()
    {
        var error = Assert.Throws<ConfigException>(() => Bind(("arch", "transformer"), ("n_embd", "100"), ("n_head", "3")));
        Assert.Contains("n_head", error.Message);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]                                                               // once passed here, and failed in torch
    [InlineData("cuda:x")]
    public void ADeviceThatIsNoDeviceIsRejectedByName(string device)
    {
        var error = Assert.Throws<ConfigException>(() => Bind(("device", device)));
        Assert.Equal($"config key 'device' = {device} is invalid: expected cpu, cuda or cuda:N", error.Message);
    }

    [Fact]
    public void EvalModeIsRandomUnlessSetAndSpeltAsUsersTypeIt()
    {
        var full = Bind(("eval_mode", "Full"));
        var error = Assert.Throws<ConfigException>(() => Bind(("eval_mode", "exact")));

        Assert.Equal(EvalMode.Random, new TrainConfig().EvalMode);
        Assert.Equal(EvalMode.Full, full.Train.EvalMode);
        Assert.Contains("\"eval_mode\": \"full\"", ConfigJson.Serialize(full));
        Assert.Contains("'eval_mode'", error.Message);
        Assert.Contains("one of random, full", error.Message);
    }

    [Fact]
    public void LaterSourcesOverrideEarlierOnes()
    {
        var config = ConfigBinder.Bind(Presets.Get("nanogpt-baby-cpu").Append(new ConfigValue("n_layer", "2", "--n_layer")));
        Assert.Equal(2, config.Model.NLayer);
        Assert.Equal(128, config.Model.NEmbd);
        Assert.Equal(0.99, config.Train.Beta2);
    }

    [Fact]
    public void ConfigFileErrorsPointAtTheLine()
    {
        var path = Path.Combine(TempFolder.New(), "bad.yaml");
        File.WriteAllText(path, "n_layer: 2\nlearning_rate: fast\n");
        var error = Assert.Throws<ConfigException>(() => ConfigBinder.Bind(ConfigFile.Read(path)));
        Assert.Contains("bad.yaml:2:1", error.Message);
        Assert.Contains("learning_rate", error.Message);
    }

    [Fact]
    public void ResolvedConfigRoundTripsThroughJson()
    {
        var config = Bind(("arch", "mingru"), ("n_embd", "96"), ("learning_rate", "0.002"));
        var json = ConfigJson.Serialize(config);
        Assert.Contains("\"arch\": \"mingru\"", json);
        Assert.Contains("\"n_embd\": 96", json);
        Assert.Equal(config, ConfigJson.Deserialize(json));
    }

    [Fact]
    public void EveryArchitectureHasAConfigName() =>
        Assert.All(Enum.GetValues<Architecture>(), a => Assert.Equal(a, ArchitectureNames.Parse(a.ToConfigName())));
}
