using MinRnnLab.Abstractions;
using MinRnnLab.Grains.Metrics;
using MinRnnLab.Storage;
using Orleans.Concurrency;

namespace MinRnnLab.Grains.Grains;

/// <summary>
/// Reads curves straight from the metrics store and thins them where they are read, so only what a chart can
/// draw crosses the wire. A stateless worker: activations are local to the caller's silo and can run in parallel,
/// so a large read never queues behind a run's or a sweep's grain turns.
/// </summary>
[StatelessWorker]
public sealed class MetricsReaderGrain(IMetricsStore metrics) : Grain, IMetricsReaderGrain
{
    /// <summary>The most points a caller may ask for per curve (a curve is otherwise sent whole).</summary>
    public const int MaxPointsLimit = 100_000;

    public async Task<MetricSeries[]> GetCurves(string[] runIds, string[] names, int maxPoints)
    {
        var budget = Math.Clamp(maxPoints, 3, MaxPointsLimit);
        var stored = await metrics.ReadSeriesAsync(runIds, names);
        return stored.Select(series =>
        {
            var (steps, values) = CurveThinning.Thin(series.Steps, series.Values, budget);
            return new MetricSeries(series.RunId, series.Name, steps, values, series.Steps.Length);
        }).ToArray();
    }
}
