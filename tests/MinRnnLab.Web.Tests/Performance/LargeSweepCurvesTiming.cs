using System.Diagnostics;
using MinRnnLab.Abstractions;
using MinRnnLab.Storage;
using MinRnnLab.Web.Services;
using Xunit.Abstractions;

namespace MinRnnLab.Web.Tests.Performance;

/// <summary>
/// How long the server needs to open a sweep of 200 runs × 5,000 evaluations: read every curve from the SQLite
/// metrics store, then thin each to what the chart draws. The timing is logged (test output and
/// TestResults/curves-timing.txt), never asserted: these machines are too noisy for timed assertions.
/// What is asserted is the work itself: every point read, every curve thinned to the chart's budget.
/// </summary>
public sealed class LargeSweepCurvesTiming(ITestOutputHelper output)
{
    private const int Runs = 200, Points = 5000, ChartPoints = 400;

    [Fact]
    public async Task ASweepOf200RunsWith5000PointsEachLoadsAndThinsWithTimingLogged()
    {
        var folder = Path.Combine(Path.GetTempPath(), "minrnn-curves", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = new SqliteMetricsStore(new SqliteDatabase(Path.Combine(folder, "metrics.db")));
        await store.InitializeAsync();
        var runIds = Enumerable.Range(0, Runs).Select(i => $"big/{i}").ToArray();
        foreach (var runId in runIds)
            await store.AppendAsync(runId, Enumerable.Range(0, Points)
                .Select(step => (step, "val_loss", 4.2 * Math.Exp(-step / 1500.0) + 1.5 + 0.01 * Math.Sin(step))).ToList());

        var watch = Stopwatch.StartNew();
        var stored = await store.ReadManyAsync(runIds, "val_loss");
        var readMs = watch.Elapsed.TotalMilliseconds;
        var curves = stored.GroupBy(m => m.RunId).Select(group =>
        {
            var curve = new RunCurves(group.Key, "mingru");
            curve.Add(group.Select(m => new MetricPoint(m.Step, m.Name, m.Value)));
            return curve.Thinned("val_loss", ChartPoints);
        }).ToList();
        var totalMs = watch.Elapsed.TotalMilliseconds;

        Assert.Equal(Runs * Points, stored.Count);
        Assert.Equal(Runs, curves.Count);
        Assert.All(curves, c => Assert.Equal(ChartPoints, c.Count));
        var line = $"{DateTime.UtcNow:O} sweep of {Runs} runs × {Points} points: read {readMs:F0} ms, read + thin {totalMs:F0} ms, " +
                   $"{Runs * ChartPoints} points to draw";
        output.WriteLine(line);
        var results = Path.Combine(RepositoryRoot(), "TestResults");
        Directory.CreateDirectory(results);
        await File.AppendAllTextAsync(Path.Combine(results, "curves-timing.txt"), line + Environment.NewLine);
        Directory.Delete(folder, recursive: true);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir.FullName, "Orleans.sln")))
            dir = dir.Parent ?? throw new DirectoryNotFoundException("repository root");
        return dir.FullName;
    }
}
