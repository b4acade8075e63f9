using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Grains.Metrics;
using MinRnnLab.Storage;
using Orleans.Concurrency;

namespace MinRnnLab.Grains;

/// <summary>
/// Reads curves from the metrics store and thins them where they are read, so only what a chart can draw
/// crosses the wire. A stateless worker: activations are local to the caller's silo and run in parallel, so a
/// large read never queues behind a run's or a sweep's grain turns.
/// </summary>
[StatelessWorker]
public sealed class MetricsReaderGrain(IMetricsStore metrics) : Grain, IMetricsReaderGrain
{
    /// <summary>The most points a caller may ask for per curve.</summary>
    public const int MaxPointsLimit = 100_000;

    private static readonly string[] ChartMetrics = [MetricNames.ValLoss, MetricNames.TrainLoss];
    private readonly CurveReader reader = new(metrics);

    public Task<MetricSeries[]> GetCurves(string[] runIds, string[] names, int maxPoints) =>
        reader.ReadAsync(runIds, names, Math.Clamp(maxPoints, 3, MaxPointsLimit));

    public async Task<Dictionary<string, MetricPoint>> GetLastPoints(string[] runIds, string name)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var last = await metrics.ReadLastPointsAsync(runIds.Distinct().ToArray(), [name]);
        return last.ToDictionary(p => p.Key.RunId, p => new MetricPoint(p.Value.Step, name, p.Value.Value));
    }

    public Task Summarize(string[] runIds) => reader.ReadAsync(runIds, ChartMetrics, CurvePoints.SweepChart);
}
