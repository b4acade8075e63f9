namespace MinRnnLab.Storage.Tests;

/// <summary>
/// What every metrics store must do, run against a real database by each store's test class (SQLite and
/// PostgreSQL): idempotent appends, curves as arrays, last steps and stored summaries.
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
    public async Task LastPointsAreKnownOnlyForRunsAndNamesWithPointsAndHoldTheNewestValue()
    {
        var store = await NewStoreAsync();
        await store.AppendAsync("s/0", [.. Curve("val_loss", 3, s => 10.0 - s, from: 10), .. Curve("train_loss", 1, s => 1.5)]);

        var last = await store.ReadLastPointsAsync(["s/0", "s/1"], ["val_loss", "train_loss"]);

        Assert.Equal(2, last.Count);
        Assert.Equal(new LastPoint(12, -2.0), last[("s/0", "val_loss")]);
        Assert.Equal(new LastPoint(0, 1.5), last[("s/0", "train_loss")]);
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
    public async Task DeletingRunsRemovesTheirPointsAndSummariesAndNothingOfAnotherSweep()
    {
        var store = await NewStoreAsync();
        foreach (var run in new[] { "a/0", "a/1", "a/10", "b/0" })
            await store.AppendAsync(run, Curve("val_loss", 3, s => 1.0 + s));
        await store.WriteSummariesAsync([new CurveSummary("a/0", "val_loss", 400, 2, 3, [0, 2], [1.0, 3.0]),
                                         new CurveSummary("b/0", "val_loss", 400, 2, 3, [0, 2], [1.0, 3.0])]);

        var removed = await store.DeleteAsync(["a/0", "a/1"]);

        Assert.Equal(6, removed);
        Assert.Empty(await store.ReadAsync("a/0"));
        Assert.Empty(await store.ReadSummariesAsync(["a/0"], ["val_loss"], 400));
        // "a/10" shares a prefix with "a/1" and "b/0" is another sweep's: both keep every point and summary.
        Assert.Equal(3, (await store.ReadAsync("a/10")).Count);
        Assert.Equal(3, (await store.ReadAsync("b/0")).Count);
        Assert.Single(await store.ReadSummariesAsync(["b/0"], ["val_loss"], 400));
        Assert.Equal(0, await store.DeleteAsync(["a/0", "a/1"]));                      // twice: nothing left, no error
    }
}
