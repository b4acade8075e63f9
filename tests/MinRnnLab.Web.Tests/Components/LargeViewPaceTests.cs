using System.Diagnostics;
using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.Components;

public class LargeViewPaceTests
{
    [Theory]
    [InlineData(1, 250)]
    [InlineData(50, 250)]
    [InlineData(200, 1000)]
    [InlineData(1000, 5000)]
    [InlineData(100_000, 5000)]
    public void TheIntervalGrowsWithTheRunsBetweenLiveRefreshsPaceAndFiveSeconds(int runs, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), LargeViewPace.Interval(runs));

    [Fact]
    public void TheLargeViewsRedrawAtOnceThenOnlyOnceTheirIntervalHasPassed()
    {
        var now = 0L;
        var pace = new LargeViewPace(() => now);
        Assert.True(pace.TryStart(1000, out _));                                       // the first redraw is never held back

        now += Ticks(TimeSpan.FromSeconds(2));
        Assert.False(pace.TryStart(1000, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(3), wait);                                    // when to ask again

        now += Ticks(TimeSpan.FromSeconds(3));
        Assert.True(pace.TryStart(1000, out wait));
        Assert.Equal(TimeSpan.Zero, wait);
        Assert.False(pace.TryStart(1000, out _));                                       // counted from the last redraw
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
