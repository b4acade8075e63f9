using MinRnnLab.Abstractions;
using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.Components;

public class SweepWatchesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task TabsOfOneSweepShareOneSubscriptionAndEachGetsEveryUpdate()
    {
        var lab = new FakeLab();
        var watches = new SweepWatches(lab);
        using var leave = new CancellationTokenSource();
        var first = watches.WatchAsync("s", leave.Token).GetAsyncEnumerator();
        var second = watches.WatchAsync("s", leave.Token).GetAsyncEnumerator();
        var (nextOfFirst, nextOfSecond) = (first.MoveNextAsync().AsTask(), second.MoveNextAsync().AsTask());

        var update = new RunProgress("s/0", RunState.Running, 5, 10, [new MetricPoint(5, "val_loss", 2.0)], 2.0);
        await lab.Live.Writer.WriteAsync(update);
        Assert.True(await nextOfFirst.WaitAsync(Patience));
        Assert.True(await nextOfSecond.WaitAsync(Patience));
        Assert.Same(update, first.Current);
        Assert.Same(update, second.Current);
        Assert.Equal(1, lab.SweepSubscriptions);

        await leave.CancelAsync();                                                      // both tabs leave: the subscription ends
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.MoveNextAsync().AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.MoveNextAsync().AsTask());
        await first.DisposeAsync();
        await second.DisposeAsync();

        var again = watches.WatchAsync("s").GetAsyncEnumerator();                      // a later tab subscribes afresh
        var next = again.MoveNextAsync().AsTask();
        await lab.Live.Writer.WriteAsync(update);
        Assert.True(await next.WaitAsync(Patience));
        Assert.Equal(2, lab.SweepSubscriptions);
        await again.DisposeAsync();
    }
}
