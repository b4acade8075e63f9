using MinRnnLab.Web.Services.Curves;

namespace MinRnnLab.Web.Tests.Components;

/// <summary>The pure parts of the curve tools: EMA smoothing and the step → wall time map.</summary>
public class CurveMathTests
{
    [Fact]
    public void ASmoothingWeightOfZeroLeavesTheCurveAsItIs()
    {
        Assert.Equal([3.0, 1.0, 2.0], CurveSmoothing.Ema([3, 1, 2], 0));
    }

    [Fact]
    public void EmaIsDebiasedSoAConstantCurveStaysConstantFromItsFirstPoint()
    {
        Assert.All(CurveSmoothing.Ema([2, 2, 2, 2], 0.9), v => Assert.Equal(2, v, 12));
    }

    [Fact]
    public void EmaFollowsTensorBoardsFormula()
    {
        // s1 = 0.5·0 + 0.5·0 = 0 → 0 / (1 − 0.5); s2 = 0.5·0 + 0.5·10 = 5 → 5 / (1 − 0.25) = 6.67
        var smoothed = CurveSmoothing.Ema([0, 10], 0.5);

        Assert.Equal(0, smoothed[0], 12);
        Assert.Equal(5 / 0.75, smoothed[1], 12);
    }

    [Fact]
    public void ANonFiniteValueStaysAndDoesNotPoisonTheAverage()
    {
        var smoothed = CurveSmoothing.Ema([4, double.NaN, 4], 0.5);

        Assert.True(double.IsNaN(smoothed[1]));
        Assert.Equal(4, smoothed[2], 12);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void AWeightOutsideTheSlidersRangeIsRefusedWithItsRange(double weight)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CurveSmoothing.Ema([1, 2], weight));
        Assert.Contains("between 0 and 0.99", error.Message);
    }

    [Fact]
    public void WallTimeIsInterpolatedBetweenEvaluationsAndExtrapolatedBeyondThem()
    {
        var clock = new WallClock([(10, 2.0), (20, 6.0), (30, 8.0)]);

        Assert.Equal(1.0, clock.SecondsAt(5), 12);                                      // before the first: its mean rate (0.2 s/step)
        Assert.Equal(4.0, clock.SecondsAt(15), 12);
        Assert.Equal(6.0, clock.SecondsAt(20), 12);
        Assert.Equal(10.0, clock.SecondsAt(40), 12);                                    // after the last: the last stretch's rate (0.2 s/step)
    }

    [Fact]
    public void AWallClockOfOnePointAtStepZeroStaysThere()
    {
        Assert.Equal(0.5, new WallClock([(0, 0.5)]).SecondsAt(0), 12);
    }

    [Fact]
    public void TokensPerStepAreBatchTimesBlock()
    {
        Assert.Equal(64L * 256, RunFacts.TokensPerStepOf(64, 256));
    }

    [Fact]
    public void RunLinksPointAtTheRunsPageAndCountParametersInShort()
    {
        Assert.Equal("sweeps/lr-sweep-1a2b/runs/7", RunLinks.Href("lr-sweep-1a2b/7"));
        Assert.Equal("1.23M", RunLinks.Count(1_234_567));
        Assert.Equal("45.6k", RunLinks.Count(45_612));
        Assert.Equal("812", RunLinks.Count(812));
    }
}
