using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Client;

namespace MinRnnLab.Web.Services;

/// <summary>The curves every loss chart draws: validation and training loss.</summary>
public static class LossCurves
{
    public static readonly string[] Names = [MetricNames.ValLoss, MetricNames.TrainLoss];

    /// <summary>
    /// The loss curves of these runs, each thinned on the server to at most <paramref name="maxPointsPerCurve"/> points:
    /// a sweep of hundreds of long runs opens without shipping every step.
    /// </summary>
    public static Task<MetricSeries[]> GetLossCurvesAsync(this ILabClient lab, IReadOnlyCollection<string> runIds, int maxPointsPerCurve) =>
        lab.GetCurvesAsync(runIds, Names, maxPointsPerCurve);
}
