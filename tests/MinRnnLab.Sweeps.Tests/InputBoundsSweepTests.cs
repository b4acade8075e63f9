namespace MinRnnLab.Sweeps.Tests;

/// <summary>
/// Values that pass every other check and then exhaust the machine or a grain turn (issue 25) are refused when the
/// sweep is validated, at their line, with the bound they broke.
/// </summary>
public class InputBoundsSweepTests
{
    [Fact]
    public void ANameTooLongForItsFoldersIsRefusedWithItsLength()
    {
        var errors = Sweeps.Errors($"name: {new string('a', 250)}\nmetric: {{name: val_loss}}\nmethod: grid\nbase: {{arch: mingru}}\n");

        Assert.Contains(errors, e => e.Line == 1 && e.Message == "name: expected at most 64 characters (it names folders and addresses), found 250");
    }

    [Fact]
    public void AFileNameLongerThanAPathIsRefusedBeforeTheFileIsRead()
    {
        // Every error carries the file's name: a long one times many errors would be memory the caller chose.
        var error = Assert.Throws<ArgumentException>(() => SweepParser.Parse("name: [", new string('f', SweepParser.MaxFileNameLength + 1)));

        Assert.Contains($"at most {SweepParser.MaxFileNameLength} characters", error.Message);
        Assert.False(SweepParser.Parse("name: [", new string('f', SweepParser.MaxFileNameLength)).IsValid);   // the longest is read
    }

    [Fact]
    public void ANameOfTheLongestLengthIsAccepted() =>
        Assert.Equal(new string('a', 64), Sweeps.Valid($"name: {new string('a', 64)}\nmetric: {{name: val_loss}}\nmethod: grid\nbase: {{arch: mingru}}\n").Name);

    [Theory]
    [InlineData("ei_candidates: 1000000000", "bayes ei_candidates: expected an integer from 1 to 10,000, found '1000000000'")]
    [InlineData("startup_trials: 10001", "bayes startup_trials: expected an integer from 1 to 10,000, found '10001'")]
    public void ATpeSettingThatWouldHoldTheSweepGrainsTurnIsRefused(string setting, string message)
    {
        var errors = Sweeps.Errors($"name: t\nmetric: {{name: val_loss}}\nmethod: bayes\nbayes: {{{setting}}}\nrun_cap: 4\n" +
                                   "parameters:\n  learning_rate: {min: 0.0001, max: 0.01, distribution: log_uniform}\nbase: {arch: mingru}\n");

        Assert.Contains(errors, e => e.Line == 4 && e.Message == message);
    }

    [Theory]
    [InlineData("threads: 100000", "'threads' = 100000 is invalid: expected 0 (default) to 256")]
    [InlineData("sample_chars: 100000000", "'sample_chars' = 100000000 is invalid: expected 0 to 100,000")]
    public void ATrainingSettingBeyondItsBoundIsRefusedAtItsLine(string setting, string message)
    {
        var errors = Sweeps.Errors(Sweeps.GridHeader + $"base:\n  arch: mingru\n  {setting}\n");

        Assert.Contains(errors, e => e.Line == 6 && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("n_layer: 100000", "'n_layer' = 100000 is invalid: expected at most 1,024")]
    [InlineData("expansion: 100000", "'expansion' = 100000 is invalid: expected at most 64")]
    [InlineData("d_state: 100000000", "'d_state' = 100000000 is invalid: expected at most 4,096")]
    [InlineData("conv_kernel: 100000000", "'conv_kernel' = 100000000 is invalid: expected at most 1,024")]
    public void ASizeBeyondItsBoundIsRefusedAtItsLine(string setting, string message)
    {
        var errors = Sweeps.Errors(Sweeps.GridHeader + $"base:\n  arch: mamba\n  {setting}\n");

        Assert.Contains(errors, e => e.Line == 6 && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void AConfigurationTooBigForTheWorkersMemoryIsRefusedAtTheKeyThatMakesItBig()
    {
        var yaml = Sweeps.GridHeader + "base: {arch: mingru}\nparameters:\n  n_layer: {values: [2, 1024]}\n";

        var result = SweepParser.Parse(yaml, "big.yaml", workerMemory: 22_000_000_000);

        var error = Assert.Single(result.Errors);
        Assert.Equal(6, error.Line);                                                    // n_layer's line
        Assert.Contains("cannot train n_layer=1024: config key 'n_layer' = 1024 is invalid: the run needs about", error.Message);
        Assert.Contains("this worker has 22 GB", error.Message);
        Assert.True(SweepParser.Parse(yaml, "big.yaml", workerMemory: 10_000_000_000_000).IsValid);  // a worker of 10 TB takes it
    }
}
