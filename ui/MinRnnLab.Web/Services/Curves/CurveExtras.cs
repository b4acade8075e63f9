using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;

namespace MinRnnLab.Web.Services.Curves;

/// <summary>
/// What a page's loss chart needs beyond the loss curves, read once per run and only when needed: parameter counts
/// for tooltips (after the chart is drawn), wall times for a wall-time axis, configs for a tokens axis. Opening a
/// page thus reads the loss curves only, as before these tools existed.
/// </summary>
public sealed class CurveExtras(ILabClient lab)
{
    private readonly HashSet<string> withWallTimes = [], withParameters = [], withPanelMetrics = [];

    /// <summary>Seeds and tokens per step by run id: a new dictionary after every change, so a chart sees that it changed.</summary>
    public IReadOnlyDictionary<string, RunFacts> Facts { get; private set; } = new Dictionary<string, RunFacts>();

    /// <summary>Names each run's seed (a sweep page knows seed indexes from its trials); keeps the facts as they are when nothing changed.</summary>
    public void SetSeeds(IEnumerable<(string RunId, string Seed)> seeds)
    {
        var facts = new Dictionary<string, RunFacts>(Facts);
        var changed = false;
        foreach (var (runId, seed) in seeds)
        {
            var known = facts.GetValueOrDefault(runId);
            if (known?.Seed == seed)
                continue;
            facts[runId] = known is null ? new RunFacts(seed) : known with { Seed = seed };
            changed = true;
        }
        if (changed)
            Facts = facts;
    }

    /// <summary>
    /// Names and colours a sweep's runs by configuration (<see cref="ConfigurationPalette"/>): the facts change only when
    /// a run's name or colour did (a new trial may add a differing key, renaming every run).
    /// </summary>
    public void SetTrials(IReadOnlyCollection<TrialInfo> trials, IReadOnlyList<string>? groupBy = null)
    {
        var facts = new Dictionary<string, RunFacts>(Facts);
        var changed = false;
        foreach (var (runId, named) in ConfigurationPalette.Facts(trials, groupBy))
        {
            var known = facts.GetValueOrDefault(runId);
            if (known is not null && (known.Seed, known.Legend, known.Color) == (named.Seed, named.Legend, named.Color))
                continue;
            facts[runId] = known is null ? named : known with { Seed = named.Seed, Legend = named.Legend, Color = named.Color };
            changed = true;
        }
        if (changed)
            Facts = facts;
    }

    /// <summary>Adds what the runs' specs say (seed, tokens per step): the compare page and a tokens axis need them.</summary>
    public void SetSpecs(IEnumerable<RunSpec> specs)
    {
        var facts = new Dictionary<string, RunFacts>(Facts);
        foreach (var spec in specs)
        {
            var config = spec.Config;
            var seed = spec.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var tokens = RunFacts.TokensPerStepOf(config.Train.BatchSize, config.Model.BlockSize);
            facts[spec.RunId] = facts.GetValueOrDefault(spec.RunId) is { } known ? known with { Seed = seed, TokensPerStep = tokens } : new RunFacts(seed, tokens);
        }
        Facts = facts;
    }

    /// <summary>Reads the parameter counts of runs not asked before; true when any arrived (the chart's tooltips change).</summary>
    public async Task<bool> LoadParametersAsync(IReadOnlyDictionary<string, RunCurves> curves)
    {
        var ids = curves.Keys.Where(withParameters.Add).ToArray();
        if (ids.Length == 0)
            return false;
        // A constant per run: two points (first and last) say it.
        var series = await lab.GetCurvesAsync(ids, [MetricNames.Parameters], 3);
        foreach (var curve in series)
            curves[curve.RunId].Add(curve);
        return series.Length > 0;
    }

    /// <summary>
    /// Reads the metric panels' curves (learning rate, ms/iter, tokens/s, grad norm) of runs not asked before, or only of
    /// <paramref name="only"/>; true when any arrived. Live progress brings later points itself.
    /// </summary>
    public async Task<bool> LoadPanelMetricsAsync(IReadOnlyDictionary<string, RunCurves> curves, int maxPoints, IEnumerable<string>? only = null)
    {
        var ids = (only ?? curves.Keys).Where(id => curves.ContainsKey(id) && withPanelMetrics.Add(id)).ToArray();
        if (ids.Length == 0)
            return false;
        var series = await lab.GetCurvesAsync(ids, MetricPanelSpecs.Names, maxPoints);
        foreach (var curve in series)
            curves[curve.RunId].Add(curve);
        return series.Length > 0;
    }

    /// <summary>Reads what <paramref name="view"/>'s x axis needs for runs that lack it: wall times, or configs for tokens.</summary>
    public async Task LoadForViewAsync(CurveView view, IReadOnlyDictionary<string, RunCurves> curves)
    {
        if (view.X == CurveX.WallTime)
        {
            var ids = curves.Keys.Where(withWallTimes.Add).ToArray();
            if (ids.Length > 0)
                foreach (var curve in await lab.GetCurvesAsync(ids, [MetricNames.WallSeconds], CurvePoints.SweepChart))
                    curves[curve.RunId].Add(curve);
        }
        else if (view.X == CurveX.Tokens)
        {
            var missing = curves.Keys.Where(id => Facts.GetValueOrDefault(id)?.TokensPerStep is null).ToArray();
            if (missing.Length == 0)
                return;
            var specs = await Task.WhenAll(missing.Select(id => lab.Run(id).GetSpec()));
            // A sweep page names seeds by index; the spec's seed would rename them halfway through a session.
            var seeds = missing.ToDictionary(id => id, id => Facts.GetValueOrDefault(id)?.Seed);
            SetSpecs(specs.OfType<RunSpec>());
            SetSeeds(seeds.Where(s => s.Value is not null).Select(s => (s.Key, s.Value!)));
        }
    }
}
