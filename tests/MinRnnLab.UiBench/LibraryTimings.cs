using Microsoft.Playwright;

namespace MinRnnLab.UiBench;

/// <summary>
/// The plain library pages, each opened in a fresh context (cold: the library is downloaded, parsed and compiled)
/// and then again in the same context (warm: from the browser's cache), to the chart drawn.
/// </summary>
public static class LibraryTimings
{
    public static async Task MeasureAsync(Chromium chromium, string baseUrl, int repeats, TimingReport report)
    {
        foreach (var set in LibraryPages.DataSets)
            foreach (var library in new[] { "plotly", "uplot" })
            {
                var (cold, warm, load) = (new List<double>(), new List<double>(), new List<double>());
                for (var i = 0; i < repeats; i++)
                {
                    load.Add(TimingReport.LoadAverage());
                    var (context, page) = await chromium.FreshPageAsync();
                    cold.Add(await DrawnAsync(page, $"{baseUrl}/bench/{library}/{set.Runs}"));
                    warm.Add(await DrawnAsync(page, $"{baseUrl}/bench/{library}/{set.Runs}"));
                    await context.CloseAsync();
                }
                var name = $"{(library == "plotly" ? "plotly.js 3.7.0" : "uPlot 1.6.32")}, {set.Name} ({set.Runs * 2} curves × {set.PointsPerCurve} points)";
                report.Add(new Timing("Plain page, one library", name, "cold: address → drawn", cold, load));
                report.Add(new Timing("Plain page, one library", name, "warm: address → drawn", warm, load));
            }
    }

    private static async Task<double> DrawnAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForFunctionAsync("() => window.__drawn !== undefined", null, new PageWaitForFunctionOptions { Timeout = 180_000 });
        return await page.EvaluateAsync<double>("() => window.__drawn");
    }
}
