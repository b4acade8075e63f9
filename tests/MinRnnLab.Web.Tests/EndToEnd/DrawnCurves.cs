using System.Text.Json;
using Microsoft.Playwright;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>
/// What a curve chart (uPlot on a canvas) has drawn, read from the chart's own state in the browser
/// (curve-chart.js's describeChart(): series, scale, axis titles, theme, selection, plot width), never from pixels.
/// </summary>
internal static class DrawnCurves
{
    /// <summary>
    /// Waits until the chart with element id <paramref name="chartId"/> is drawn and <paramref name="condition"/>
    /// (a JS function of the description, e.g. "c => c.series.length === 4") holds; returns the description then.
    /// </summary>
    public static async Task<JsonElement> WaitForAsync(IPage page, string chartId, string condition = "c => true")
    {
        var script = $$"""
            id => {
              const e = document.getElementById(id);
              const c = e && e.dataset.drawn === 'yes' && e.describeChart ? e.describeChart() : null;
              return c && ({{condition}})(c) ? JSON.stringify(c) : null;
            }
            """;
        try
        {
            var handle = await page.WaitForFunctionAsync(script, chartId, new() { Timeout = WebAppFixture.PatienceMs, PollingInterval = 100 });
            return JsonDocument.Parse(await handle.JsonValueAsync<string>()).RootElement;
        }
        catch (TimeoutException e)
        {
            var now = await page.EvaluateAsync<string?>("id => { const e = document.getElementById(id); return e?.describeChart ? JSON.stringify(e.describeChart()) : null; }", chartId);
            throw new TimeoutException($"chart #{chartId} never met {condition}; it shows: {now ?? "nothing drawn"}", e);
        }
    }
}
