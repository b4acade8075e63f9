using MinRnnLab.Grains.Metrics;
using MinRnnLab.Storage;

namespace MinRnnLab.Grains.Tests;

/// <summary>
/// The curve reader over a real SQLite store: it keeps thinned summaries up to date. Both stores keep summaries
/// alike (MinRnnLab.Storage.Tests runs their contract on SQLite and PostgreSQL), so one store is enough here.
/// </summary>
public sealed class CurveReaderTests : IDisposable
{
    private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "minrnn-curve-reader-tests", Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public async Task TheCurveReaderThinsStoresAndRebuildsASummaryOnlyWhenTheRunHasMovedOn()
    {
        var store = new SqliteMetricsStore(new SqliteDatabase(Path.Combine(folder, "metrics.db")));
        await store.InitializeAsync();
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

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private static List<(int, string, double)> Curve(string name, int steps, Func<int, double> value, int from = 0) =>
        Enumerable.Range(from, steps).Select(step => (step, name, value(step))).ToList();
}
