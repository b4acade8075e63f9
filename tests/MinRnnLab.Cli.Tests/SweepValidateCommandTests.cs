using MinRnnLab.Cli.Commands;
using MinRnnLab.Config;

namespace MinRnnLab.Cli.Tests;

public class SweepValidateCommandTests
{
    [Fact]
    public void AnInvalidSweepPrintsEveryErrorAsFileLineColumnAndExitsWithTwo()
    {
        var path = WriteSweep("name: t\nmetric: {name: val_acc}\nmethod: grid\nparallel: 0\n");
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exit = SweepValidateCommand.Run(path, output, errors);

        Assert.Equal(2, exit);
        var lines = errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"{path}:2:16: unknown metric 'val_acc'", lines[0]);
        Assert.StartsWith($"{path}:4:11: parallel: expected a positive integer", lines[1]);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void AValidSweepPrintsItsNameMethodTrialCountAndFirstTrials()
    {
        var path = WriteSweep("""
            name: lr-scan
            metric: {name: val_loss, target: 2.5}
            method: grid
            seeds: 2
            base: {preset: tiny}
            parameters:
              learning_rate: {values: [1e-3, 2e-3, 3e-3, 4e-3]}
            """);
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exit = SweepValidateCommand.Run(path, output, errors);

        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains("sweep lr-scan: grid search, 8 trial(s)", text);
        Assert.Contains("trial 0: learning_rate=1e-3 seed=1337", text);
        Assert.Contains("trial 4: learning_rate=3e-3 seed=1337", text);
        Assert.DoesNotContain("trial 5:", text);
        Assert.Contains("and 3 more", text);
    }

    [Fact]
    public void AConfigurationThatSetsTheSeedShowsItOnce()
    {
        var path = WriteSweep("""
            name: reruns
            metric: {name: val_loss}
            method: grid
            base: {preset: tiny}
            configurations:
              - {arch: mingru, seed: 1339}
              - {seed: 7}
            """);
        var output = new StringWriter();

        Assert.Equal(0, SweepValidateCommand.Run(path, output, new StringWriter()));

        var text = output.ToString();
        Assert.Contains("trial 0: arch=mingru seed=1339" + Environment.NewLine, text);
        Assert.Contains("trial 1: (base config) seed=7" + Environment.NewLine, text);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var error = Assert.Throws<ConfigException>(() =>
            SweepValidateCommand.Run("no/such/sweep.yaml", TextWriter.Null, TextWriter.Null));

        Assert.Contains("no/such/sweep.yaml", error.Message);
    }

    private static string WriteSweep(string yaml)
    {
        var folder = Path.Combine(Path.GetTempPath(), "minrnn-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "sweep.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
