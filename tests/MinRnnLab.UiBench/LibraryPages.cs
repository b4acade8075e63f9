using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MinRnnLab.UiBench;

/// <summary>
/// Plain HTML pages that draw loss curves with one chart library and nothing else (no Blazor, no MudBlazor): what the
/// library alone costs. The libraries are the app's own files (Plotly.Blazor's plotly.js, the vendored uPlot), served
/// by the app; each page carries its curves inline and records window.__drawn (ms since navigation) one animation
/// frame after the library returned from drawing, i.e. once the browser may paint the chart.
/// </summary>
public static class LibraryPages
{
    public const string PlotlyScript = "_content/Plotly.Blazor/plotly-3.7.0.min.js";
    public const string UPlotScript = "lib/uplot/uPlot.iife.min.js";
    public const string UPlotStyle = "lib/uplot/uPlot.min.css";

    /// <summary>A data set of the pages: <paramref name="runs"/> runs × val and train loss, thinned as the sweep chart thins.</summary>
    public sealed record DataSet(string Name, int Runs, int Steps)
    {
        // The sweep chart's budget (LossChart.PointsPerCurve): 40,000 points across all curves, 100 to 400 each.
        public int PointsPerCurve => Math.Clamp(40_000 / (Runs * 2), 100, 400);
    }

    public static readonly DataSet[] DataSets = [new("16 runs × 5,000 steps", 16, 5000), new("200 runs × 5,000 steps", 200, 5000)];

    /// <summary>/bench/{plotly|uplot}/{runs}: one page per library and data set.</summary>
    public static void Map(WebApplication app)
    {
        foreach (var set in DataSets)
        {
            var data = CurvesJson(set);
            app.MapGet($"/bench/plotly/{set.Runs}", () => Results.Content(PlotlyPage(data, set.Runs), "text/html"));
            app.MapGet($"/bench/uplot/{set.Runs}", () => Results.Content(UPlotPage(data, set.Runs), "text/html"));
        }
    }

    // {x: [steps], curves: [{name, arch, train, y: [...]}]}: evenly thinned steps, shared by every curve.
    private static string CurvesJson(DataSet set)
    {
        var steps = SyntheticCurves.Thinned(set.Steps, set.PointsPerCurve);
        var curves = Enumerable.Range(0, set.Runs).SelectMany(run => new[] { false, true }.Select(train =>
        {
            var arch = run % SyntheticCurves.Archs.Length;
            return new
            {
                name = $"{SyntheticCurves.Archs[arch]} #{run / SyntheticCurves.Archs.Length} {(train ? "train" : "val")}",
                arch, train,
                y = steps.Select(s => Math.Round(SyntheticCurves.Loss(arch, run, s, train), 5)).ToArray(),
            };
        }));
        return JsonSerializer.Serialize(new { x = steps, curves });
    }

    private static readonly string Colors = "['#1f77b4', '#d62728', '#2ca02c', '#9467bd']";

    // As the app draws: a trace per curve up to 24 runs; beyond, one trace per architecture and metric, its runs
    // joined by null gaps (Plotly's cost grows with traces far more than with points). Log y, hover on.
    private static string PlotlyPage(string data, int runs) => Page($"<script src=\"/{PlotlyScript}\"></script>", $$"""
        const d = {{data}}, colors = {{Colors}}, own = {{(runs <= 24 ? "true" : "false")}};
        let traces;
        if (own) {
          traces = d.curves.map(c => ({ x: d.x, y: c.y, name: c.name, mode: 'lines', line: { color: colors[c.arch], dash: c.train ? 'dot' : 'solid', width: 1.5 } }));
        } else {
          const groups = new Map();
          for (const c of d.curves) {
            const key = c.arch + (c.train ? ' train' : ' val');
            if (!groups.has(key)) groups.set(key, { x: [], y: [], name: key, mode: 'lines', line: { color: colors[c.arch], dash: c.train ? 'dot' : 'solid', width: 1 } });
            const g = groups.get(key);
            g.x.push(...d.x, null); g.y.push(...c.y, null);
          }
          traces = [...groups.values()];
        }
        Plotly.newPlot('chart', traces, { height: 420, margin: { l: 60, r: 20, t: 20, b: 50 }, yaxis: { type: 'log' } }, { responsive: true, displaylogo: false })
          .then(() => requestAnimationFrame(() => { window.__drawn = performance.now(); }));
        """);

    // uPlot: one series per curve over the shared steps, log y (distr 3), hover on; its legend (a table row per series)
    // only up to 24 runs, as the app's legend.
    private static string UPlotPage(string data, int runs) => Page(
        $"<link rel=\"stylesheet\" href=\"/{UPlotStyle}\"><script src=\"/{UPlotScript}\"></script>", $$"""
        const d = {{data}}, colors = {{Colors}};
        const series = [{}].concat(d.curves.map(c => ({ label: c.name, stroke: colors[c.arch], width: {{(runs <= 24 ? "1.5" : "1")}}, dash: c.train ? [2, 3] : undefined })));
        new uPlot({ width: document.getElementById('chart').clientWidth, height: 420, series,
                    scales: { x: { time: false }, y: { distr: 3 } }, legend: { show: {{(runs <= 24 ? "true" : "false")}} } },
                  [d.x, ...d.curves.map(c => c.y)], document.getElementById('chart'));
        requestAnimationFrame(() => { window.__drawn = performance.now(); });
        """);

    private static string Page(string head, string script) => new StringBuilder()
        .Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>chart library baseline</title>").Append(head)
        .Append("</head><body style=\"margin:0\"><div id=\"chart\" style=\"width:1000px\"></div><script>").Append(script)
        .Append("</script></body></html>").ToString();
}
