using Microsoft.Playwright;

namespace MinRnnLab.UiBench;

/// <summary>
/// The app's pages as a reader meets them: typed into a fresh browser context (cold: nothing cached, a new circuit)
/// until the first table and the chart are on screen; and, inside the running app, from a click in the sweep list.
/// </summary>
public static class AppTimings
{
    /// <summary>
    /// Records, in page time, the first moment each milestone is in the DOM: a MutationObserver runs right after the
    /// change that completes it, where polling from here would be late whenever a chart keeps the main thread busy.
    /// A click restarts the clock, so in-app navigation is timed from the reader's click. "chart": the
    /// page's first loss or band chart drawn (its uPlot canvas marks itself data-drawn="yes" a frame after drawing).
    /// </summary>
    public const string Milestones = """
        window.__at = {};
        window.__table = null;
        const mark = (name, done) => { if (done && !(name in window.__at)) window.__at[name] = performance.now(); };
        document.addEventListener('click', () => { window.__at = { click: performance.now() }; }, true);
        const chartDrawn = () => {
          for (const c of document.querySelectorAll('[data-testid=loss-chart],[data-testid=seed-band-chart]')) {
            const want = +c.dataset.traces;
            if (want > 0 && c.querySelector('[data-drawn=yes]')) return true;
          }
          return false;
        };
        new MutationObserver(() => {
          if (window.__table) mark('table', document.querySelector(window.__table));
          mark('chart', chartDrawn());
        }).observe(document, { childList: true, subtree: true, attributes: true });
        """;

    /// <summary>A page to open: its address, the selector of its first table, and whether it has a loss chart.</summary>
    public sealed record PageCase(string Name, string Path, string Table, bool Chart);

    public static PageCase SweepPage(SeededSweep sweep) =>
        new($"sweep of {sweep.Trials.Length} runs × {sweep.Steps:N0} steps", $"sweeps/{sweep.SweepId}", "[data-testid=convergence] tbody tr", Chart: true);

    public static async Task MeasureColdAsync(Chromium chromium, string baseUrl, PageCase page, int repeats, TimingReport report)
    {
        var (table, chart, load) = (new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i < repeats; i++)
        {
            load.Add(TimingReport.LoadAverage());
            var (context, tab) = await chromium.FreshPageAsync();
            await PrepareAsync(tab, page.Table);
            await tab.GotoAsync($"{baseUrl}/{page.Path}");
            table.Add(await WaitForAsync(tab, "table"));
            if (page.Chart)
                chart.Add(await WaitForAsync(tab, "chart"));
            await context.CloseAsync();
        }
        report.Add(new Timing("App, cold (fresh context, address typed)", page.Name, "→ first table", table, load));
        if (page.Chart)
            report.Add(new Timing("App, cold (fresh context, address typed)", page.Name, "→ chart drawn", chart, load));
    }

    /// <summary>
    /// In one context that has opened the app once (its scripts cached, a circuit running): Sweeps in the menu, then
    /// the sweep's row, timed from that click to the first table and to the chart.
    /// </summary>
    public static async Task MeasureInAppAsync(Chromium chromium, string baseUrl, SeededSweep sweep, int repeats, TimingReport report)
    {
        var page = SweepPage(sweep);
        var (table, chart, load) = (new List<double>(), new List<double>(), new List<double>());
        var (context, tab) = await chromium.FreshPageAsync();
        await PrepareAsync(tab, page.Table);
        await tab.GotoAsync($"{baseUrl}/{page.Path}");
        await WaitForAsync(tab, "chart");
        for (var i = 0; i < repeats; i++)
        {
            load.Add(TimingReport.LoadAverage());
            await tab.ClickAsync("a[href='sweeps']");
            await tab.WaitForSelectorAsync($"[data-testid=sweep-row] a[href='sweeps/{sweep.SweepId}']");
            await tab.ClickAsync($"[data-testid=sweep-row] a[href='sweeps/{sweep.SweepId}']");
            table.Add(await WaitForAsync(tab, "table"));
            chart.Add(await WaitForAsync(tab, "chart"));
        }
        await context.CloseAsync();
        report.Add(new Timing("App, in-app (click in the sweep list)", page.Name, "→ first table", table, load));
        report.Add(new Timing("App, in-app (click in the sweep list)", page.Name, "→ chart drawn", chart, load));
    }

    private static async Task PrepareAsync(IPage tab, string table)
    {
        await tab.AddInitScriptAsync(Milestones);
        await tab.AddInitScriptAsync($"window.__table = {System.Text.Json.JsonSerializer.Serialize(table)};");
    }

    // Milliseconds from navigation start (or from the last click) to the milestone.
    private static async Task<double> WaitForAsync(IPage page, string milestone)
    {
        await page.WaitForFunctionAsync($"() => '{milestone}' in window.__at", null, new PageWaitForFunctionOptions { Timeout = 180_000 });
        return await page.EvaluateAsync<double>($"() => window.__at['{milestone}'] - (window.__at.click ?? 0)");
    }
}
