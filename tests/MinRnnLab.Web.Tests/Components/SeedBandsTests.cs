using MinRnnLab.Abstractions;
using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.Components;

public class SeedBandsTests
{
    private static (double X, double Y)[] Curve(params (double X, double Y)[] points) => points;

    [Fact]
    public void MeanAndSampleStdAreExactWhereSeedsShareTheirSteps()
    {
        var seeds = new[] { Curve((0, 1), (10, 4)), Curve((0, 2), (10, 4)), Curve((0, 3), (10, 4)) };

        var band = SeedBands.Across(seeds);

        Assert.Equal([new BandPoint(0, 2, 1, 3), new BandPoint(10, 4, 0, 3)], band);
    }

    [Fact]
    public void SeedsWithDifferentStepsMeetOnTheUnionInterpolatedInLogSpace()
    {
        // Halfway between 1 and 100 is 10 on a log axis (linear interpolation would say 50.5).
        var seeds = new[] { Curve((0, 1), (10, 100)), Curve((0, 10), (5, 10), (10, 10)) };

        var band = SeedBands.Across(seeds);

        Assert.Equal([0.0, 5.0, 10.0], band.Select(p => p.Step));
        Assert.Equal(10, band[1].Mean, 12);
        Assert.Equal(0, band[1].Std, 12);
        Assert.Equal(2, band[1].Seeds);
    }

    [Fact]
    public void ARunThatStoppedEarlyCountsOnlyUpToItsLastStep()
    {
        var seeds = new[] { Curve((0, 2), (10, 2), (20, 2)), Curve((0, 4), (10, 4)) };

        var band = SeedBands.Across(seeds);

        Assert.Equal(new BandPoint(10, 3, Math.Sqrt(2), 2), band[1]);
        Assert.Equal(new BandPoint(20, 2, 0, 1), band[2]);
        Assert.Null(SeedBands.At(seeds[1], 15));
    }

    [Fact]
    public void ASingleSeedIsItsOwnMeanWithNoSpread()
    {
        var band = SeedBands.Across([Curve((0, 4), (10, 3), (20, 2.5))]);

        Assert.Equal([4.0, 3.0, 2.5], band.Select(p => p.Mean));
        Assert.All(band, p => Assert.Equal((0.0, 1), (p.Std, p.Seeds)));
    }

    [Fact]
    public void PointsALogAxisCannotShowAreLeftOut()
    {
        var seeds = new[] { Curve((0, 2), (10, double.NaN)), Curve((0, 4), (10, 4)) };

        var band = SeedBands.Across(seeds);

        Assert.Equal(new BandPoint(10, 4, 0, 1), band[1]);
    }

    [Fact]
    public void TrialsDifferingOnlyInTheirSeedFormOneGroupLabelledWithoutIt()
    {
        TrialInfo Trial(int index, string arch, string lr, int seed) =>
            new(index, $"s/{index}", arch, seed, new() { ["arch"] = arch, ["learning_rate"] = lr }, RunState.Succeeded, 2.0, 10, null, 1);
        var trials = new[] { Trial(0, "mingru", "1e-3", 0), Trial(1, "mingru", "1e-3", 1), Trial(2, "mingru", "3e-3", 0), Trial(3, "transformer", "1e-3", 0) };

        var groups = SeedBands.Groups(trials);

        Assert.Equal(["mingru learning_rate=1e-3", "mingru learning_rate=3e-3", "transformer learning_rate=1e-3"], groups.Select(g => g.Label));
        Assert.Equal(["s/0", "s/1"], groups[0].RunIds);
    }

    [Fact]
    public void ABandUsesOnlyTheGroupsRunsThatHaveTheMetric()
    {
        var (a, b) = (new RunCurves("s/0", "mingru"), new RunCurves("s/1", "mingru"));
        a.Add([new(0, "val_loss", 3.0), new(10, "val_loss", 2.0)]);
        b.Add([new(0, "train_loss", 3.0)]);
        var group = new SeedGroup("mingru", "mingru", ["s/0", "s/1", "s/2"]);

        var band = SeedBands.Band(group, new Dictionary<string, RunCurves> { ["s/0"] = a, ["s/1"] = b }, "val_loss", 400);

        Assert.Equal(1, band!.Seeds);
        Assert.Equal([3.0, 2.0], band.Points.Select(p => p.Mean));
        Assert.Null(SeedBands.Band(group, new Dictionary<string, RunCurves>(), "val_loss", 400));
    }
}
