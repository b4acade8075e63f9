using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Grains.Live;

namespace MinRnnLab.Grains.Tests;

/// <summary>Two live events of one run merged while the first waits: the latest status, and every point of both.</summary>
public sealed class LiveEventsTests
{
    [Fact]
    public void AMergedEventHasTheLaterStatusAndThePointsOfBothInOrder()
    {
        var evaluated = new RunProgress("s/0", RunState.Running, 10, 100, [new MetricPoint(10, MetricNames.ValLoss, 2.5)], 2.5);
        var finished = new RunProgress("s/0", RunState.Succeeded, 20, 0, [new MetricPoint(20, MetricNames.ValLoss, 2.0)], 2.0);

        var merged = LiveEvents.Merge(evaluated, finished, out var pointsLost);

        Assert.False(pointsLost);
        Assert.Equal((RunState.Succeeded, 20, 2.0), (merged.State, merged.Step, merged.BestMetric));
        Assert.Equal(100, merged.MaxIters);                                             // a state change carries none
        Assert.Equal([10, 20], merged.Points.Select(p => p.Step));
    }

    [Fact]
    public void AMergeBeyondItsPointBoundKeepsTheLatestPointsAndSaysSo()
    {
        MetricPoint[] Points(int from) => Enumerable.Range(from, LiveEvents.MaxPoints).Select(s => new MetricPoint(s, MetricNames.TrainLoss, 1)).ToArray();
        var earlier = new RunProgress("s/0", RunState.Running, 0, 0, Points(0), null);
        var later = new RunProgress("s/0", RunState.Running, 0, 0, Points(LiveEvents.MaxPoints), null);

        var merged = LiveEvents.Merge(earlier, later, out var pointsLost);

        Assert.True(pointsLost);
        Assert.Equal(LiveEvents.MaxPoints, merged.Points.Length);
        Assert.Equal(LiveEvents.MaxPoints, merged.Points[0].Step);
    }
}
