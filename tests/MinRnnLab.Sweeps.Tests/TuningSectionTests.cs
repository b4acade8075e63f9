namespace MinRnnLab.Sweeps.Tests;

/// <summary>The `bayes:` and `early_terminate:` sections as they parse: defaults, overrides, rungs.</summary>
public class TuningSectionTests
{
    [Fact]
    public void ABayesSweepWithoutSettingsUsesTheDefaults()
    {
        var sweep = Sweeps.Valid(Sweeps.BayesHeader);

        Assert.Equal(SearchMethod.Bayes, sweep.Method);
        Assert.Null(sweep.Bayes);
        Assert.Equal(new TpeSettings(StartupTrials: 10, Gamma: 0.25, EiCandidates: 24), sweep.Tpe);
        Assert.Null(sweep.EarlyTerminate);
    }

    [Fact]
    public void BayesSettingsOverrideTheDefaultsOneByOne()
    {
        var sweep = Sweeps.Valid(Sweeps.BayesHeader + "bayes:\n  startup_trials: 5\n  gamma: 0.15\n");

        Assert.Equal(new TpeSettings(StartupTrials: 5, Gamma: 0.15, EiCandidates: 24), sweep.Tpe);
    }

    [Fact]
    public void TheMedianRuleDefaultsToEvalThreeAndFiveRuns()
    {
        var sweep = Sweeps.Valid(Sweeps.GridHeader + "early_terminate: {type: median}\n");

        Assert.Equal(new EarlyTermination(EarlyTerminateType.Median, MinEvals: 3, MaxEvals: null, Eta: 3, MinRuns: 5), sweep.EarlyTerminate);
        Assert.Empty(sweep.EarlyTerminate!.Rungs());
    }

    [Fact]
    public void PatienceReadsItsEvaluationsAndMinDelta()
    {
        var sweep = Sweeps.Valid(Sweeps.GridHeader + "early_terminate: {type: patience, evals: 12, min_delta: 0.001}\n");
        var plain = Sweeps.Valid(Sweeps.GridHeader + "early_terminate: {type: patience, evals: 12}\n");

        Assert.Equal((EarlyTerminateType.Patience, 12, 0.001), (sweep.EarlyTerminate!.Type, sweep.EarlyTerminate.PatienceEvals, sweep.EarlyTerminate.MinDelta));
        Assert.Equal(0, plain.EarlyTerminate!.MinDelta);
        Assert.Empty(sweep.EarlyTerminate.Rungs());
    }

    [Fact]
    public void AshaRungsGrowByEtaFromMinEvalsUpToMaxEvals()
    {
        var sweep = Sweeps.Valid(Sweeps.RandomHeader + "early_terminate: {type: asha, min_evals: 1, eta: 3, max_evals: 27}\n");

        Assert.Equal([1, 3, 9], sweep.EarlyTerminate!.Rungs());
        Assert.Equal([2, 4, 8, 16], (sweep.EarlyTerminate with { MinEvals = 2, Eta = 2, MaxEvals = 20 }).Rungs());
    }
}
