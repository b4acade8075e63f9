using MinRnnLab.Grains.Metrics;

namespace MinRnnLab.Web.Tests.Components;

public class LttbTests
{
    [Fact]
    public void ThinsToTheThresholdKeepingEndsAndASpike()
    {
        var points = Enumerable.Range(0, 1000).Select(i => ((double)i, i == 517 ? 50.0 : 1.0)).ToArray();

        var thinned = Lttb.Thin(points, 50);

        Assert.Equal(50, thinned.Count);
        Assert.Equal(points[0], thinned[0]);
        Assert.Equal(points[^1], thinned[^1]);
        Assert.Contains((517.0, 50.0), thinned);
        Assert.True(thinned.Zip(thinned.Skip(1)).All(p => p.First.X < p.Second.X));
    }

    [Fact]
    public void ShortSeriesAreLeftAlone()
    {
        var points = new[] { (0.0, 1.0), (1.0, 2.0), (2.0, 3.0) };

        Assert.Same(points, Lttb.Thin(points, 400));
    }
}
