namespace MinRnnLab.Web.Services.Curves;

/// <summary>
/// One line of a <c>CurveChart</c>, as wwwroot/js/curve-chart.js draws it with uPlot: its own x and y (the script
/// aligns all series on the union of x), how it looks, and which legend entry shows or hides it.
/// </summary>
/// <param name="Name">What the tooltip calls the line ("#3 val").</param>
/// <param name="Legend">Its legend entry; lines sharing one toggle together (a curve and its faint raw self). Null: none.</param>
/// <param name="Group">The legend header it sits under (the architecture); clicking the header toggles the group.</param>
/// <param name="Dash">"solid" (validation) or "dot" (training).</param>
/// <param name="Alpha">Opacity in [0, 1]; a raw curve under its smoothed self is faint and answers no hover.</param>
/// <param name="Y">Aligned with <paramref name="X"/>; null breaks the line.</param>
/// <param name="Run">Index into <see cref="CurveChartSpec.Runs"/> of the run the line draws, or −1 (a seed band).</param>
/// <param name="Upper">With <paramref name="Lower"/>: a band filled between them (mean ± std), aligned with X.</param>
/// <param name="Fill">The band's fill colour.</param>
/// <param name="Notes">Per point, a line the tooltip adds ("± 0.0123 (2 of 2 seeds)").</param>
public sealed record CurveSeries(
    string Name, string? Legend, string? Group, string Color, string Dash, double Width, double Alpha,
    IReadOnlyList<double> X, IReadOnlyList<double?> Y, int Run = -1,
    IReadOnlyList<double?>? Upper = null, IReadOnlyList<double?>? Lower = null, string? Fill = null, IReadOnlyList<string>? Notes = null);

/// <summary>A run a chart draws: its id (what a click selects) and what a tooltip says of it.</summary>
public sealed record CurveRun(string Id, string Label);

/// <summary>Everything a <c>CurveChart</c> draws: series, runs, axes. Serialized as is to the browser.</summary>
/// <param name="YMin">Fixed bottom of the y axis, or null (from the data).</param>
/// <param name="YMax">Fixed top of the y axis, or null.</param>
/// <param name="LegendOpen">Whether the legend starts unfolded: folded where it would crowd a phone's screen.</param>
public sealed record CurveChartSpec(
    IReadOnlyList<CurveSeries> Series, IReadOnlyList<CurveRun> Runs, string XTitle, string YTitle, bool LogY, int Height,
    double? YMin = null, double? YMax = null, bool LegendOpen = true)
{
    public static CurveChartSpec Empty { get; } = new([], [], "step", "loss", true, 420);

    /// <summary>Where the browser loads uPlot from (fingerprinted addresses, filled in by the component).</summary>
    public string? UplotScript { get; init; }
    public string? UplotCss { get; init; }

    /// <summary>The run drawn thick when the chart is drawn (later selections are sent on their own).</summary>
    public string? Selected { get; init; }

    /// <summary>What the tooltip calls a y value ("loss" when null).</summary>
    public string? YLabel { get; init; }

    /// <summary>Fixed ends of the x axis, or null (from the data): charts stacked as panels share one x range.</summary>
    public double? XMin { get; init; }
    public double? XMax { get; init; }

    /// <summary>Charts with the same key move one cursor together (uPlot's cursor sync), or null.</summary>
    public string? SyncKey { get; init; }
}
