using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using MinRnnLab.Web.Hosting;

namespace MinRnnLab.UiBench;

/// <summary>
/// Where the time of one cold sweep page goes, on one clock (ms since the browser started navigating): the server's
/// spans (the app's grain calls on Orleans' application source, ASP.NET Core's requests, Blazor's circuit and SignalR
/// spans) beside the browser's performance timeline (resource downloads, paints, long tasks on the main thread, and
/// the benchmark's milestones). Written as trace-sweep-page.{json,md}. In-app, the same page is opened once, then
/// Sweeps in the menu and the sweep's row are clicked, and the trace starts at that click (the in-app milestones'
/// clock): trace-sweep-page-in-app.{json,md}.
/// </summary>
public static class ColdPageTrace
{
    private sealed record Span(string Source, string Name, double StartUnixMs, double Ms, string Detail);

    private const string LongTasks = """
        window.__long = [];
        try { new PerformanceObserver(l => window.__long.push(...l.getEntries().map(e => ({ start: e.startTime, ms: e.duration }))))
                .observe({ type: 'longtask', buffered: true }); } catch (e) { }
        """;

    public static async Task<string[]> TraceAsync(Chromium chromium, string baseUrl, SeededSweep sweep, string folder, bool inApp = false)
    {
        var spans = new ConcurrentQueue<Span>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == LabWebTracing.GrainCalls || s.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => spans.Enqueue(new Span(a.Source.Name, a.DisplayName,
                new DateTimeOffset(a.StartTimeUtc, TimeSpan.Zero).ToUnixTimeMilliseconds() + a.StartTimeUtc.Ticks % TimeSpan.TicksPerMillisecond / 1e4,
                a.Duration.TotalMilliseconds, string.Join(' ', a.TagObjects.Where(t => t.Key is "items" or "url.path" or "http.route" or "aspnetcore.components.route" or "aspnetcore.components.method")
                    .Select(t => $"{t.Key}={t.Value}")))),
        };
        ActivitySource.AddActivityListener(listener);

        var (context, page) = await chromium.FreshPageAsync();
        await page.AddInitScriptAsync(LongTasks);
        await page.AddInitScriptAsync(AppTimings.Milestones);
        await page.AddInitScriptAsync("window.__table = '[data-testid=convergence] tbody tr';");
        await page.GotoAsync($"{baseUrl}/sweeps/{sweep.SweepId}");
        await page.WaitForFunctionAsync("() => 'chart' in window.__at", null, new PageWaitForFunctionOptions { Timeout = 180_000 });
        if (inApp)
        {
            await page.ClickAsync("a[href='sweeps']");
            var row = $"[data-testid=sweep-row] a[href='sweeps/{sweep.SweepId}']";
            await page.WaitForSelectorAsync(row);
            await Task.Delay(500);                                                       // the list's last calls end
            spans.Clear();
            await page.EvaluateAsync("() => { window.__long = []; }");
            await page.ClickAsync(row);                                                  // the milestones' clock restarts here
            await page.WaitForFunctionAsync("() => 'chart' in window.__at", null, new PageWaitForFunctionOptions { Timeout = 180_000 });
        }
        await Task.Delay(500);                                                           // the spans of the last calls end
        var browser = await page.EvaluateAsync<JsonElement>("""
            () => ({
              origin: performance.timeOrigin + (window.__at.click ?? 0),
              milestones: Object.entries(window.__at).map(([name, at]) => ({ name, at: Number(at) })),
              navigation: performance.getEntriesByType('navigation').map(e => ({ responseEnd: e.responseEnd, domContentLoaded: e.domContentLoadedEventEnd, load: e.loadEventEnd }))[0],
              resources: performance.getEntriesByType('resource').map(e => ({ name: e.name, start: e.startTime, end: e.responseEnd, bytes: e.encodedBodySize })),
              paints: performance.getEntriesByType('paint').map(e => ({ name: e.name, start: e.startTime })),
              longTasks: window.__long,
            })
            """);
        await context.CloseAsync();

        var origin = browser.GetProperty("origin").Ms();
        var rows = new List<(double At, double Ms, string Where, string What)>();
        foreach (var s in spans)
            rows.Add((s.StartUnixMs - origin, s.Ms, "server", $"{s.Source}: {s.Name} {s.Detail}".Trim()));
        var clock = inApp ? browser.GetProperty("milestones").EnumerateArray().First(m => m.GetProperty("name").GetString() == "click").GetProperty("at").Ms() : 0;
        foreach (var r in browser.GetProperty("resources").EnumerateArray().Where(r => r.GetProperty("start").Ms() >= clock))
        {
            var name = r.GetProperty("name").GetString()!.Replace(baseUrl, "");
            rows.Add((r.GetProperty("start").Ms() - clock, r.GetProperty("end").Ms() - r.GetProperty("start").Ms(), "browser",
                $"download {name} ({r.GetProperty("bytes").Ms() / 1024:F0} KiB)"));
        }
        if (!inApp)
            foreach (var p in browser.GetProperty("paints").EnumerateArray())
                rows.Add((p.GetProperty("start").Ms(), 0, "browser", p.GetProperty("name").GetString()!));
        foreach (var t in browser.GetProperty("longTasks").EnumerateArray())
            rows.Add((t.GetProperty("start").Ms() - clock, t.GetProperty("ms").Ms(), "browser", "long task (main thread busy: script, layout, paint)"));
        foreach (var m in browser.GetProperty("milestones").EnumerateArray())
            rows.Add((m.GetProperty("at").Ms() - clock, 0, "browser", $"milestone: {m.GetProperty("name").GetString()}"));
        if (!inApp)
        {
            var nav = browser.GetProperty("navigation");
            rows.Add((nav.GetProperty("responseEnd").Ms(), 0, "browser", "HTML received"));
            rows.Add((nav.GetProperty("domContentLoaded").Ms(), 0, "browser", "DOMContentLoaded"));
        }
        rows.Sort((a, b) => a.At.CompareTo(b.At));

        var longTotal = browser.GetProperty("longTasks").EnumerateArray().Sum(t => t.GetProperty("ms").Ms());
        var md = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"""
            # One {(inApp ? "in-app" : "cold")} sweep page, traced ({sweep.Trials.Length} runs × {sweep.Steps:N0} steps, {(inApp ? "a click in the sweep list" : "fresh browser context")})

            Taken {DateTimeOffset.UtcNow:u}, load average {TimingReport.LoadAverage():F1} on {Environment.ProcessorCount} cores (other builds
            ran beside it: the figures are noisy). Times are ms since {(inApp ? "the click" : "the browser started navigating")}; server spans are placed
            on the same clock (one machine). Long tasks: {longTotal:F0} ms of main-thread work in tasks over 50 ms.

            | at ms | lasts ms | where | what |
            |---:|---:|---|---|

            """));
        foreach (var r in rows)
            md.Append(string.Create(CultureInfo.InvariantCulture, $"| {r.At:F0} | {r.Ms:F0} | {r.Where} | {r.What.Replace("|", "/")} |\n"));
        Directory.CreateDirectory(folder);
        var fileName = inApp ? "trace-sweep-page-in-app" : "trace-sweep-page";
        var mdPath = Path.Combine(folder, $"{fileName}.md");
        var jsonPath = Path.Combine(folder, $"{fileName}.json");
        await File.WriteAllTextAsync(mdPath, md.ToString());
        await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(rows.Select(r => new { at_ms = r.At, ms = r.Ms, where = r.Where, what = r.What }),
            new JsonSerializerOptions { WriteIndented = true }));
        return [mdPath, jsonPath];
    }

    // Playwright hands some numbers back as strings (large or special values): read either.
    private static double Ms(this JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.Parse(value.GetString() ?? "NaN", CultureInfo.InvariantCulture);
}
