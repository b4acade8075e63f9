using System.Globalization;
using MinRnnLab.Config;
using MinRnnLab.Web.Services.Curves;

namespace MinRnnLab.Web.Services;

/// <summary>
/// How fast a running trial trains and when it should end (issue 28 item 4): throughput from its latest reports, and an
/// ETA of steps left × recent ms/iter. Recent: the mean over the last <see cref="RecentReports"/> reports, each itself
/// a mean over an evaluation interval, so one slow interval (a checkpoint, a neighbour's burst) moves it only a little.
/// Evaluations and checkpoints are not in ms/iter: the ETA is training time, and says so.
/// </summary>
/// <param name="Step">The last step the run reported.</param>
/// <param name="MsPerIter">Recent ms per training step, or null before the first report that carries it.</param>
/// <param name="TokensPerSecond">Tokens per second at the latest report, or null.</param>
public sealed record RunPace(int Step, int MaxIters, double? MsPerIter, double? TokensPerSecond)
{
    public const int RecentReports = 3;

    public int StepsLeft => Math.Max(0, MaxIters - Step);

    /// <summary>Training time left at the recent pace; null while the pace is unknown.</summary>
    public TimeSpan? Eta => MsPerIter is { } ms && ms > 0 ? TimeSpan.FromMilliseconds(StepsLeft * ms) : null;

    /// <summary>The pace the run's curves show (its ms_per_iter and tokens_per_sec points); <paramref name="lastStep"/> when the store knows a later step.</summary>
    public static RunPace Of(RunCurves curves, int maxIters, int lastStep = 0)
    {
        var ms = curves.Points(MetricNames.MsPerIter);
        var tokens = curves.Points(MetricNames.TokensPerSecond);
        var step = new[] { lastStep, Last(curves, MetricNames.ValLoss), Last(curves, MetricNames.MsPerIter) }.Max();
        return new RunPace(step, maxIters,
            ms.Count == 0 ? null : ms.TakeLast(RecentReports).Average(p => p.Y),
            tokens.Count == 0 ? null : tokens[^1].Y);
    }

    private static int Last(RunCurves curves, string name) => curves.Points(name) is { Count: > 0 } points ? (int)points[^1].X : 0;

    /// <summary>"12.3k tok/s · 45.6 ms/iter · ETA 1 h 02 min": what a page shows beside a running trial.</summary>
    public string Text => string.Join(" · ", new[]
    {
        TokensPerSecond is { } t ? $"{RunLinks.Count(t)} tok/s" : null,
        MsPerIter is { } ms ? string.Create(CultureInfo.InvariantCulture, $"{ms:0.0} ms/iter") : null,
        Eta is { } eta ? $"ETA {Duration(eta)}" : "ETA –",
    }.OfType<string>());

    /// <summary>"45 s", "12 min 05 s", "3 h 07 min", "2 d 04 h": two units, enough to plan by.</summary>
    public static string Duration(TimeSpan span) => span.TotalSeconds switch
    {
        < 60 => $"{Math.Ceiling(span.TotalSeconds):0} s",
        < 3600 => $"{(int)span.TotalMinutes} min {span.Seconds:00} s",
        < 86400 => $"{(int)span.TotalHours} h {span.Minutes:00} min",
        _ => $"{(int)span.TotalDays} d {span.Hours:00} h",
    };
}
