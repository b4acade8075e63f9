namespace MinRnnLab.UiBench;

/// <summary>
/// The script each tab runs before the page's own: it records, in Unix milliseconds, the first moment the sweep page's
/// "Running now" table shows each new step of each run (a MutationObserver, called right after the change that shows
/// it). A tab that skips a step (two evaluations merged into one redraw) shows both at that moment.
/// </summary>
public static class SweepPageWatcher
{
    public const string Script = """
        window.__shown = {};
        const scan = () => {
          const now = performance.timeOrigin + performance.now();
          for (const row of document.querySelectorAll('[data-testid=running-trial]')) {
            const cell = row.children[2];
            const step = cell ? parseInt(cell.textContent) : NaN;
            if (isNaN(step)) continue;
            const seen = window.__shown[row.dataset.run] ??= { max: -1, at: [] };
            if (step > seen.max) { seen.max = step; seen.at.push([step, now]); }
          }
        };
        new MutationObserver(scan).observe(document, { childList: true, subtree: true, characterData: true });
        """;

    /// <summary>When the tab first showed step <paramref name="step"/> or a later one of the run; null if it never did.</summary>
    public static double? ShownAt(IReadOnlyDictionary<string, double[][]> shown, string runId, int step) =>
        shown.TryGetValue(runId, out var at) && at.FirstOrDefault(s => s[0] >= step) is { } first ? first[1] : null;
}
