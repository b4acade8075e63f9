using MinRnnLab.Client;
using MinRnnLab.Config;

namespace MinRnnLab.Web.Tests.Components;

public class LttbTests
{
    [Fact]
    public void ThinsToTheThresholdKeepingEndsAndASpike()
    {
        var x = Enumerable.Range(0, 1000).Select(i => (double)i).ToArray();
        var y = Enumerable.Range(0, 1000).Select(i => i == 517 ? 50.0 : 1.0).ToArray();

        var kept = Lttb.Select(x, y, 50);

        Assert.Equal(50, kept.Length);
        Assert.Equal(0, kept[0]);
        Assert.Equal(999, kept[^1]);
        Assert.Contains(517, kept);
        Assert.True(kept.Zip(kept.Skip(1)).All(p => p.First < p.Second));
    }

    [Fact]
    public void ShortSeriesAreLeftAlone()
    {
        double[] x = [0, 1, 2], y = [1, 2, 3];

        Assert.Equal([0, 1, 2], Lttb.Select(x, y, 400));
    }
}
