using MinRnnLab.Config;

namespace MinRnnLab.Sweeps.Tests;

/// <summary>`eval_mode` is a config key like any other: sweep files set it in base or search it, and misspell it with a message.</summary>
public class EvalModeSweepTests
{
    [Fact]
    public void ABaseEvalModeReachesEveryTrial()
    {
        var sweep = Sweeps.Valid(Sweeps.GridHeader + "base:\n  preset: tiny\n  eval_mode: full\nparameters:\n  arch: {values: [mingru, mamba]}\n");

        Assert.All(TrialExpander.Expand(sweep), t => Assert.Equal(EvalMode.Full, t.Config.Train.EvalMode));
    }

    [Fact]
    public void EvalModeCanBeSearched()
    {
        var sweep = Sweeps.Valid(Sweeps.GridHeader + "base: {preset: tiny}\nparameters:\n  eval_mode: {values: [random, full]}\n");

        Assert.Equal([EvalMode.Random, EvalMode.Full], TrialExpander.Expand(sweep).Select(t => t.Config.Train.EvalMode));
    }

    [Fact]
    public void AnUnknownEvalModeIsNamedAtItsValue()
    {
        var error = Sweeps.Errors(Sweeps.GridHeader + "base:\n  eval_mode: exact\n").Single();

        Assert.Equal((5, 14), (error.Line, error.Column));
        Assert.Contains("one of random, full", error.Message);
    }
}
