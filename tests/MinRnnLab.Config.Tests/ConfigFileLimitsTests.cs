using MinRnnLab.Tests.Shared;
using MinRnnLab.Config;

namespace MinRnnLab.Config.Tests;

/// <summary>`--config FILE` goes through the same bounded loader as sweep files: hostile files are located errors.</summary>
public class ConfigFileLimitsTests
{
    [Theory]
    [MemberData(nameof(DeepYaml.Names), MemberType = typeof(DeepYaml))]
    public void ADeeplyNestedConfigFileIsALocatedConfigError(string name)
    {
        var deep = DeepYaml.Named(name);
        var path = Path.Combine(TempFolder.New(), "deep.yaml");
        File.WriteAllText(path, deep.Text);

        var error = Assert.Throws<ConfigException>(() => ConfigFile.Read(path));

        Assert.StartsWith($"{path}:{deep.Line}:{deep.Column}: ", error.Message);
        Assert.Contains(deep.Message, error.Message);
    }

    [Fact]
    public void AnAliasedConfigFileIsALocatedConfigError()
    {
        var path = Path.Combine(TempFolder.New(), "alias.yaml");
        File.WriteAllText(path, "n_layer: &n 2\nn_head: *n\n");

        var error = Assert.Throws<ConfigException>(() => ConfigFile.Read(path));

        Assert.StartsWith($"{path}:2:9: aliases (*n) are not supported", error.Message);
    }

    [Fact]
    public void AFlatConfigFileStillReads()
    {
        var path = Path.Combine(TempFolder.New(), "ok.yaml");
        File.WriteAllText(path, "\uFEFFn_layer: 2\nlearning_rate: 1e-3\n");

        var values = ConfigFile.Read(path);

        Assert.Equal(["n_layer", "learning_rate"], values.Select(v => v.Key));
        Assert.Equal($"{path}:2:1", values[1].Source);
    }
}
