using MinRnnLab.Grains.Metrics;
using MinRnnLab.Storage;

namespace MinRnnLab.Tests.Shared;

/// <summary>
/// What every metrics store must do, run against a real database by each store's test class (SQLite in the
/// grains tests, PostgreSQL in the cluster tests): idempotent appends, curves as arrays, last steps, stored
/// summaries, and the curve reader that keeps summaries up to date.
/// </summary>
public abstract class MetricsStoreContract
{
    /// <summary>A new, empty, initialised store.</summary>
    protected abstract Task<IMetricsStore> NewStoreAsync();

    private static List<(int, string, double)> Curve(string name, int steps, Func<int, double> value, int from = 0) =>
        Enumerable.Range(from, steps).Select(step => (step, name, value(step))).ToList();

    [Fact]
    public async Task AppendingTheSameBatchTwiceKeepsOnePointPerStep()
    {
        var store = await NewStoreAsync();
        var batch = Curve("val_loss", 5, s => 4.0 - s);
        await store.AppendAsync("s/0", batch);
        await store.AppendAsync("s/0", batch);

        Assert.Equal(5, (await store.ReadAsync("s/0")).Count);
    }

    [Fact]
    public async Task SeriesComeInRunThenNameOrderAsStepOrderedArraysAndOnlyWhereThereArePoints()
    {
        var store = await NewStoreAsync();
        await store.AppendAsync("s/1", Curve("train_loss", 3, s => 3.0 + s).AsEnumerable().Reverse().ToList());
        await store.AppendAsync("s/0", [.. Curve("val_loss", 4, s => 2.0 + s), .. Curve("train_loss", 2, s => 9.0)]);

        var series = await store.ReadSeriesAsync(["s/1", "s/0", "s/9"], ["val_loss", "train_loss"]);

        Assert.Equal([("s/1", "train_loss"), ("s/0", "val_loss"), ("s/0", "train_loss")], series.Select(s => (s.RunId, s.Name)));
        Assert.Equal([0, 1, 2], series[0].Steps);
        Assert.Equal([3.0, 4.0, 5.0], series[0].Values);
        Assert.Equal(4, series[1].Steps.Length);
    }

    [Fact]
    public async Task LastStepsAreKnownOnlyForRunsAndNamesWithPoints()
    {
        var store = await NewStoreAsync();
        await store.AppendAsync("s/0", [.. Curve("val_loss", 3, s => 1.0, from: 10), .. Curve("train_loss", 1, s => 1.0)]);

        var last = await store.ReadLastStepsAsync(["s/0", "s/1"], ["val_loss", "train_loss"]);

        Assert.Equal(2, last.Count);
        Assert.Equal(12, last[("s/0", "val_loss")]);
        Assert.Equal(0, last[("s/0", "train_loss")]);
    }

    [Fact]
    public async Task SummariesRoundTripPerBudgetAndAreReplacedByNewerOnes()
    {
        var store = await NewStoreAsync();
        await store.WriteSummariesAsync([new CurveSummary("s/0", "val_loss", 400, 99, 100, [0, 50, 99], [4.0, 2.5, 1.9])]);
        await store.WriteSummariesAsync([
            new CurveSummary("s/0", "val_loss", 400, 199, 200, [0, 120, 199], [4.0, 2.0, 1.7]),
            new CurveSummary("s/0", "val_loss", 2000, 199, 200, [0, 199], [4.0, 1.7]),
        ]);

        var read = Assert.Single(await store.ReadSummariesAsync(["s/0", "s/1"], ["val_loss", "train_loss"], 400));

        Assert.Equal((199, 200), (read.LastStep, read.StoredPoints));
        Assert.Equal([0, 120, 199], read.Steps);
        Assert.Equal([4.0, 2.0, 1.7], read.Values);
    }

    [Fact]
    public async Task TheCurveReaderThinsStoresAndRebuildsASummaryOnlyWhenTheRunHasMovedOn()
    {
        var store = await NewStoreAsync();
        await store.AppendAsync("s/0", Curve("val_loss", 5000, s => 1.5 + 3 * Math.Exp(-s / 700.0)));
        var reader = new CurveReader(store);

        var first = Assert.Single(await reader.ReadAsync(["s/0"], ["val_loss"], 400));
        Assert.Equal((5000, 400, 0, 4999), (first.StoredPoints, first.Steps.Length, first.Steps[0], first.Steps[^1]));
        Assert.Equal(4999, Assert.Single(await store.ReadSummariesAsync(["s/0"], ["val_loss"], 400)).LastStep);

        // A stored summary is what the reader returns while the run stands still: change it and see it come back.
        await store.WriteSummariesAsync([new CurveSummary("s/0", "val_loss", 400, 4999, 5000, [0, 4999], [9.0, 9.0])]);
        var unchanged = Assert.Single(await reader.ReadAsync(["s/0"], ["val_loss"], 400));
        Assert.Equal([9.0, 9.0], unchanged.Values);

        // The run goes on: the summary no longer describes it and is rebuilt from the points.
        await store.AppendAsync("s/0", Curve("val_loss", 100, s => 1.4, from: 5000));
        var moved = Assert.Single(await reader.ReadAsync(["s/0"], ["val_loss"], 400));
        Assert.Equal((5100, 5099, 1.4), (moved.StoredPoints, moved.Steps[^1], moved.Values[^1]));
    }
}
