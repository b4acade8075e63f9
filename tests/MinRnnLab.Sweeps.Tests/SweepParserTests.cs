using MinRnnLab.Config;

namespace MinRnnLab.Sweeps.Tests;

public class SweepParserTests
{
    [Fact]
    public void AValidFileBecomesADefinitionWithEverySetting()
    {
        var yaml = """
            name: tiny-arch-lr
            metric: {name: val_loss, goal: minimize, target: 2.5}
            method: random
            seed: 7
            base:
              preset: tiny
              max_iters: 60
            parameters:
              arch: {values: [transformer, MinGRU]}
              learning_rate: {distribution: log_uniform, min: 1e-4, max: 1e-2}
              n_head: {values: [2, 4], when: {arch: transformer}}
            run_cap: 8
            parallel: 2
            seeds: 3
            max_restarts: 5
            checkpoint_interval: 20
            """;

        var sweep = Sweeps.Valid(yaml);

        Assert.Equal("tiny-arch-lr", sweep.Name);
        Assert.Equal(new MetricSpec("val_loss", MetricGoal.Minimize, 2.5), sweep.Metric);
        Assert.Equal(SearchMethod.Random, sweep.Method);
        Assert.Equal(7, sweep.SamplerSeed);
        Assert.Equal("tiny", sweep.Preset);
        Assert.Equal([("max_iters", "60")], sweep.Base.Select(v => (v.Key, v.Value)));
        Assert.Equal(["arch", "learning_rate", "n_head"], sweep.Parameters.Select(p => p.Key));
        Assert.Equal(["transformer", "mingru"], sweep.Parameters[0].Values);
        Assert.Equal((ParameterKind.LogUniform, 1e-4, 1e-2), (sweep.Parameters[1].Kind, sweep.Parameters[1].Min, sweep.Parameters[1].Max));
        Assert.Equal(["transformer"], sweep.Parameters[2].When);
        Assert.Equal((8, 2, 3, 5, 20), (sweep.RunCap, sweep.Parallel, sweep.Seeds, sweep.MaxRestarts, sweep.CheckpointInterval));
    }

    [Fact]
    public void DefaultsFillWhatTheFileLeavesOut()
    {
        var sweep = Sweeps.Valid(Sweeps.GridHeader);

        Assert.Equal(MetricGoal.Minimize, sweep.Metric.Goal);
        Assert.Null(sweep.Metric.Target);
        Assert.Empty(sweep.Parameters);
        Assert.Null(sweep.RunCap);
        Assert.Equal((1, 1, 3, 1), (sweep.Parallel, sweep.Seeds, sweep.MaxRestarts, sweep.SamplerSeed));
        Assert.Null(sweep.CheckpointInterval);
    }

    [Fact]
    public void EmptyBaseAndParametersSectionsMeanNone()
    {
        var sweep = Sweeps.Valid(Sweeps.GridHeader + "base:\nparameters:\n");

        Assert.Empty(sweep.Base);
        Assert.Empty(sweep.Parameters);
        Assert.Single(TrialExpander.Expand(sweep));
    }

    [Fact]
    public void EveryErrorInAFileIsReportedAtOnceInFileOrder()
    {
        var yaml = """
            name: t
            metric: {name: val_acc}
            method: grid
            parallel: 0
            base:
              lerning_rate: 1e-3
            parameters:
              arch: {values: [rwkv]}
            """;

        var errors = Sweeps.Errors(yaml);

        Assert.Equal([(2, 16), (4, 11), (6, 3), (8, 19)], errors.Select(e => (e.Line, e.Column)));
        Assert.All(errors, e => Assert.Equal("test.yaml", e.File));
    }

    [Fact]
    public void AnErrorPrintsAsFileLineColumnMessage()
    {
        var error = Sweeps.Errors(Sweeps.GridHeader + "parallell: 2\n").Single();

        Assert.StartsWith("test.yaml:4:1: unknown top-level key 'parallell'", error.ToString());
    }

    [Fact]
    public void ACombinationThatCannotTrainIsReportedOnceWithHowManyFail()
    {
        var yaml = Sweeps.GridHeader + "base:\n  n_embd: 100\nparameters:\n  n_head: {values: [3, 4, 6, 7]}\n  dropout: {values: [0.0, 0.1]}\n";

        var error = Sweeps.Errors(yaml).Single();

        Assert.Equal((7, 3), (error.Line, error.Column));
        Assert.Contains("n_head=3", error.Message);
        Assert.Contains("divisor of n_embd", error.Message);
        Assert.Contains("6 of 8 configurations", error.Message);
    }

    [Fact]
    public void APresetValueThatCannotTrainPointsAtThePreset()
    {
        // tiny sets n_head 2; n_embd 33 is odd.
        var yaml = Sweeps.GridHeader + "base:\n  preset: tiny\nparameters:\n  n_embd: {values: [32, 33]}\n";

        var error = Sweeps.Errors(yaml).Single();

        Assert.Equal((5, 3), (error.Line, error.Column));
        Assert.Contains("n_embd=33", error.Message);
    }

    [Fact]
    public void ValidationBindsOnlyTheConfigurationsRunCapLetsRun()
    {
        var yaml = Sweeps.GridHeader + "run_cap: 1\nbase:\n  n_embd: 100\nparameters:\n  n_head: {values: [4, 3]}\n";

        var sweep = Sweeps.Valid(yaml);

        Assert.Equal(1, TrialExpander.Count(sweep));
    }
}
