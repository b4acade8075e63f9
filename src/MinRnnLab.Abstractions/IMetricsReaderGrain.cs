using Orleans.Concurrency;

namespace MinRnnLab.Abstractions;

/// <summary>
/// Reads many runs' curves at once, thinned on the silo that reads them, so a page showing a sweep of hundreds
/// of long runs receives a few hundred points per curve instead of every stored step.
/// Stateless: any silo answers, and several calls run side by side.
/// </summary>
public interface IMetricsReaderGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// One curve per (run, metric name) that has points, ordered by step, each thinned to at most
    /// <paramref name="maxPoints"/> points (LTTB in log space, keeping the first and the last point).
    /// </summary>
    Task<MetricSeries[]> GetCurves(string[] runIds, string[] names, int maxPoints);

    /// <summary>
    /// Each run's newest stored point of metric <paramref name="name"/>, by run id (runs without one are left out): the
    /// final value the Runs page lists, an index seek per run however long the curves.
    /// </summary>
    Task<Dictionary<string, MetricPoint>> GetLastPoints(string[] runIds, string name);

    /// <summary>
    /// Stores the runs' loss curves thinned for a sweep chart (<see cref="CurvePoints.SweepChart"/>), so the first
    /// page that shows them reads summaries only. Sent when a run ends; fire and forget.
    /// </summary>
    [OneWay]
    Task Summarize(string[] runIds);
}

/// <summary>Point budgets per curve that pages ask for; summaries are stored per budget.</summary>
public static class CurvePoints
{
    /// <summary>A sweep's chart: many runs, each curve thinned to this many points.</summary>
    public const int SweepChart = 400;

    /// <summary>One run's own chart.</summary>
    public const int RunChart = 2000;
}

/// <summary>A run's curve of one metric: parallel arrays of steps and values, maybe thinned.</summary>
[GenerateSerializer, Immutable, Alias("MinRnnLab.MetricSeries")]
public sealed record MetricSeries(
    [property: Id(0)] string RunId,
    [property: Id(1)] string Name,
    [property: Id(2)] int[] Steps,
    [property: Id(3)] double[] Values,
    [property: Id(4)] int StoredPoints);
