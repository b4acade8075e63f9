using MinRnnLab.Config;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace MinRnnLab.Web.Services.Curves;

/// <summary>What a loss chart draws, besides the curves themselves.</summary>
/// <param name="PointsPerCurve">Most points per curve (already thinned by budget).</param>
/// <param name="RunsAsOwnTraces">Up to this many runs, each has its own traces; beyond it, one trace per architecture and metric.</param>
/// <param name="Facts">Seeds and tokens per step by run id; a run without facts shows no seed and has no tokens axis.</param>
/// <param name="FullRunIds">Names runs by their whole id (sweep/trial), for runs of several sweeps; else by trial number.</param>
public sealed record LossTraceOptions(
    IReadOnlyList<string> Metrics, int PointsPerCurve, CurveView View, int RunsAsOwnTraces, IReadOnlyDictionary<string, RunFacts> Facts,
    bool FullRunIds = false);

/// <summary>
/// Plotly traces for loss curves under a <see cref="CurveView"/>: x by step, tokens or wall time, EMA smoothing with
/// the raw curve faint behind it, legend entries grouped by architecture, tooltips naming the run, and the run
/// under each drawn point (hover and click name a run, not a trace). Pure: tested without a browser.
/// </summary>
public sealed class LossTraces
{
    /// <summary>Opacity of the raw curve behind a smoothed one: visible, yet clearly not the line to read.</summary>
    public const double RawOpacity = 0.25;

    /// <summary>Ends the name of a raw curve drawn faint under its smoothed self.</summary>
    public const string RawSuffix = " (raw)";

    private readonly List<string?[]> runOfPoint = [];

    public List<ITrace> Data { get; } = [];
    public int PointCount { get; private set; }

    /// <summary>Runs left out because this x axis is unknown for them (no wall time recorded, config not read).</summary>
    public List<string> WithoutX { get; } = [];

    /// <summary>The run a drawn point belongs to, or null (a gap, or no such point).</summary>
    public string? RunAt(int trace, int point) =>
        trace >= 0 && trace < runOfPoint.Count && point >= 0 && point < runOfPoint[trace].Length ? runOfPoint[trace][point] : null;

    public static LossTraces Build(IReadOnlyCollection<RunCurves> curves, LossTraceOptions options)
    {
        var traces = new LossTraces();
        var runs = curves.OrderBy(c => c.Arch).ThenBy(c => c.RunId, StringComparer.Ordinal).ToList();
        var placed = new List<(RunCurves Run, Func<double, double> X)>();
        foreach (var run in runs)
        {
            if (XOf(run, options) is { } x)
                placed.Add((run, x));
            else
                traces.WithoutX.Add(run.RunId);
        }
        // Plotly's cost grows with the number of traces far more than with points, and a legend of hundreds of
        // runs helps nobody: past a few dozen runs, one trace per architecture and metric, runs split by gaps.
        if (placed.Count <= options.RunsAsOwnTraces)
            foreach (var (run, x) in placed)
                foreach (var metric in options.Metrics)
                    traces.AddRun(run, x, metric, options, single: curves.Count == 1);
        else
            foreach (var arch in placed.GroupBy(p => p.Run.Arch))
                foreach (var metric in options.Metrics)
                    traces.AddArch(arch.Key, arch.ToList(), metric, options);
        return traces;
    }

    /// <summary>The step → x map of a run under this view, or null when its x is unknown.</summary>
    private static Func<double, double>? XOf(RunCurves run, LossTraceOptions options)
    {
        switch (options.View.X)
        {
            case CurveX.Tokens:
                return options.Facts.GetValueOrDefault(run.RunId)?.TokensPerStep is { } perStep ? step => step * perStep : null;
            case CurveX.WallTime:
                var wall = run.Points(MetricNames.WallSeconds);
                if (wall.Count == 0)
                    return null;
                var clock = new WallClock(wall);
                return clock.SecondsAt;
            default:
                return step => step;
        }
    }

    private void AddRun(RunCurves run, Func<double, double> xOf, string metric, LossTraceOptions options, bool single)
    {
        var points = run.Thinned(metric, options.PointsPerCurve);
        if (points.Count == 0)
            return;
        PointCount += points.Count;
        var x = points.Select(p => (object?)xOf(p.X)).ToList();
        var y = points.Select(p => p.Y).ToList();
        var runIds = Enumerable.Repeat<string?>(run.RunId, points.Count).ToArray();
        var facts = options.Facts.GetValueOrDefault(run.RunId);
        var name = single ? metric : $"{facts?.Legend ?? Id(run, options.FullRunIds)} {Kind(metric)}";
        var first = !Data.OfType<Scatter>().Any(t => t.LegendGroup == run.Arch);
        var hover = $"{Describe(run, options)}<br>{options.View.XTitle} %{{x}}<br>{Kind(metric)} loss %{{y:.4f}}<extra>click: select</extra>";
        AddCurve(name, run.Arch, metric, x, y, runIds, options, hover, text: null, groupTitle: single || !first ? null : run.Arch, width: 1.5,
            color: facts?.Color);
    }

    private void AddArch(string arch, IReadOnlyList<(RunCurves Run, Func<double, double> X)> runs, string metric, LossTraceOptions options)
    {
        List<object?> x = [];
        List<double> y = [];
        List<string?> text = [], runIds = [];
        foreach (var (run, xOf) in runs)
        {
            var points = run.Thinned(metric, options.PointsPerCurve);
            if (points.Count == 0)
                continue;
            PointCount += points.Count;
            if (x.Count > 0)
            {
                // A NaN between two runs breaks the line (connectgaps is off): one trace draws many separate curves.
                x.Add(null);
                y.Add(double.NaN);
                text.Add("");
                runIds.Add(null);
            }
            // Only the run's id per point: hundreds of runs' worth of full descriptions would multiply what crosses the wire.
            // Hovering selects the run, and the selection line under the chart describes it in full.
            var label = Id(run, options.FullRunIds);
            foreach (var (px, py) in points)
            {
                x.Add(xOf(px));
                y.Add(py);
                text.Add(label);
                runIds.Add(run.RunId);
            }
        }
        if (x.Count == 0)
            return;
        var hover = $"run %{{text}}<br>{options.View.XTitle} %{{x}}<br>loss %{{y:.4f}}<extra>%{{fullData.name}}</extra>";
        AddCurve($"{arch} {Kind(metric)} ({runs.Count} runs)", arch, metric, x, y, [.. runIds], options, hover, text, groupTitle: null, width: 2);
    }

    private void AddCurve(string name, string arch, string metric, IList<object?> x, IReadOnlyList<double> y, string?[] runIds,
        LossTraceOptions options, string hover, IList<string?>? text, string? groupTitle, double width, string? color = null)
    {
        color ??= ArchColors.For(arch);
        var smoothing = options.View.Smoothing;
        var dash = metric == MetricNames.TrainLoss ? "dot" : "solid";
        if (smoothing > 0)
        {
            // The raw curve first, faint and silent: the smoothed one is drawn over it and answers the hover.
            runOfPoint.Add(runIds);
            Data.Add(new Scatter
            {
                Name = name + RawSuffix, LegendGroup = arch, ShowLegend = false, Mode = ModeFlag.Lines, Opacity = (decimal)RawOpacity,
                X = x!, Y = Values(y), ConnectGaps = false, HoverInfo = HoverInfoFlag.Skip,
                Line = new Line { Color = color, Dash = dash, Width = (decimal)width },
            });
        }
        runOfPoint.Add(runIds);
        Data.Add(new Scatter
        {
            Name = name,
            LegendGroup = arch,
            LegendGroupTitle = groupTitle is null ? null : new LegendGroupTitle { Text = groupTitle },
            Mode = ModeFlag.Lines,
            X = x!,
            Y = Values(Smooth(y, smoothing)),
            TextArray = text!,
            HoverTemplate = hover,
            ConnectGaps = false,
            Line = new Line { Color = color, Dash = dash, Width = (decimal)width },
        });
    }

    // Each run's segment is smoothed alone: a run's start must not inherit the previous run's average.
    private static IReadOnlyList<double> Smooth(IReadOnlyList<double> y, double weight)
    {
        if (weight <= 0)
            return y;
        var smoothed = new double[y.Count];
        var start = 0;
        for (var i = 0; i <= y.Count; i++)
        {
            if (i < y.Count && !double.IsNaN(y[i]))
                continue;
            var segment = CurveSmoothing.Ema(y.Skip(start).Take(i - start).ToArray(), weight);
            segment.CopyTo(smoothed, start);
            if (i < y.Count)
                smoothed[i] = double.NaN;
            start = i + 1;
        }
        return smoothed;
    }

    // Plotly reads null as a gap; NaN does not survive JSON.
    private static IList<object> Values(IReadOnlyList<double> y) => y.Select(v => double.IsNaN(v) ? null : (object?)v).ToList()!;

    /// <summary>
    /// "mingru #3 · 1.2M params · seed 0", or with a sweep's legend name "mingru #3 · n_embd 48 · seed 1 · 1.2M params":
    /// what a tooltip and the selection say about a run.
    /// </summary>
    public static string Describe(RunCurves run, IReadOnlyDictionary<string, RunFacts> facts, bool fullRunIds = false)
    {
        var known = facts.GetValueOrDefault(run.RunId);
        var head = $"{run.Arch} {Id(run, fullRunIds)}";
        // A legend name starts with the architecture and ends with the seed: the id goes after the architecture.
        var parts = new List<string> { known?.Legend is { } legend && legend.StartsWith(run.Arch, StringComparison.Ordinal) ? head + legend[run.Arch.Length..] : head };
        if (run.Points(MetricNames.Parameters) is { Count: > 0 } parameters)
            parts.Add($"{RunLinks.Count(parameters[^1].Y)} params");
        if (known is not null && known.Legend is null)
            parts.Add($"seed {known.Seed}");
        return string.Join(" · ", parts);
    }

    private static string Describe(RunCurves run, LossTraceOptions options) => Describe(run, options.Facts, options.FullRunIds);

    private static string Id(RunCurves run, bool full) => full ? run.RunId : $"#{RunLinks.ShortId(run.RunId)}";

    // "#3 val", "#3 train"; a metric panel's line is named by its metric ("#3 lr").
    private static string Kind(string metric) => metric switch
    {
        MetricNames.ValLoss => "val",
        MetricNames.TrainLoss => "train",
        _ => metric,
    };
}
