using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;

namespace MinRnnLab.Web.Services;

/// <summary>
/// Reads the pace of running trials for pages that hold no curves of them (the Overview), and every trial's step count
/// (max_iters, from its frozen config: read once per run, it never changes).
/// </summary>
public sealed class RunPaceReader(ILabClient lab)
{
    private readonly Dictionary<string, int> maxIters = [];

    /// <summary>The runs' max_iters by id; a run whose spec cannot be read is left out.</summary>
    public async Task<IReadOnlyDictionary<string, int>> MaxItersAsync(IReadOnlyCollection<string> runIds)
    {
        foreach (var id in runIds.Where(id => !maxIters.ContainsKey(id)).ToArray())
            if (await lab.Run(id).GetSpec() is { } spec)
                maxIters[id] = spec.Config.Train.MaxIters;
        return runIds.Where(maxIters.ContainsKey).ToDictionary(id => id, id => maxIters[id]);
    }

    /// <summary>Each run's pace from the store: its recent ms/iter and tokens/s, its last step.</summary>
    public async Task<IReadOnlyDictionary<string, RunPace>> ReadAsync(IReadOnlyCollection<string> runIds)
    {
        if (runIds.Count == 0)
            return new Dictionary<string, RunPace>();
        var steps = await MaxItersAsync(runIds);
        var curves = steps.Keys.ToDictionary(id => id, id => new RunCurves(id, ""));
        foreach (var series in await lab.GetCurvesAsync(curves.Keys, [MetricNames.MsPerIter, MetricNames.TokensPerSecond], CurvePoints.SweepChart))
            curves[series.RunId].Add(series);
        var statuses = await Task.WhenAll(curves.Keys.Select(id => lab.Run(id).GetStatus()));
        return statuses.OfType<RunStatus>().Where(s => curves.ContainsKey(s.RunId))
            .ToDictionary(s => s.RunId, s => RunPace.Of(curves[s.RunId], steps[s.RunId], s.LastStep));
    }
}
