namespace MinRnnLab.Storage.Tests;

/// <summary>
/// The learning rate's points as builds before stored them (`lr`) read back as `learning_rate`, on a real SQLite file:
/// the whole store contract holds through the renaming reader, and a run resumed across the upgrade, with points under
/// both names, reads as one curve.
/// </summary>
public sealed class LegacyMetricNamesTests : MetricsStoreContract, IDisposable
{
    private readonly SqliteFolder files = new();

    protected override async Task<IMetricsStore> NewStoreAsync()
    {
        var store = new SqliteMetricsStore(files.Database());
        await store.InitializeAsync();
        return new LegacyMetricNames(store);
    }

    [Fact]
    public async Task PointsStoredAsLrReadBackAsLearningRate()
    {
        var stored = new SqliteMetricsStore(files.Database());
        await stored.InitializeAsync();
        // Steps 0 and 10 written by an older build, step 20 by this one after the run resumed.
        await stored.AppendAsync("s/0", [(0, "lr", 1e-4), (10, "lr", 1e-3), (0, "val_loss", 4.2)]);
        await stored.AppendAsync("s/0", [(20, "learning_rate", 5e-4)]);
        await stored.WriteSummariesAsync([new CurveSummary("s/0", "lr", 100, 10, 2, [0, 10], [1e-4, 1e-3])]);
        var store = new LegacyMetricNames(stored);

        Assert.Equal([(0, 1e-4), (10, 1e-3), (20, 5e-4)], (await store.ReadAsync("s/0", "learning_rate")).Select(p => (p.Step, p.Value)));
        Assert.Equal(["learning_rate", "val_loss", "learning_rate", "learning_rate"], (await store.ReadAsync("s/0")).Select(p => p.Name));
        var series = Assert.Single(await store.ReadSeriesAsync(["s/0"], ["learning_rate"]));
        Assert.Equal("learning_rate", series.Name);
        Assert.Equal([0, 10, 20], series.Steps);
        Assert.Equal(new LastPoint(20, 5e-4), (await store.ReadLastPointsAsync(["s/0"], ["learning_rate"]))[("s/0", "learning_rate")]);
        var summary = Assert.Single(await store.ReadSummariesAsync(["s/0"], ["learning_rate"], 100));
        Assert.Equal(("learning_rate", 10), (summary.Name, summary.LastStep));
    }

    public void Dispose() => files.Dispose();
}
