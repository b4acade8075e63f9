using System.Diagnostics;

namespace MinRnnLab.Web.Services;

/// <summary>
/// A span around each platform call the pages make (grain calls, and the store reads behind them), on the
/// "MinRnnLab.Web" ActivitySource: where a page's server time goes, for whoever listens (OpenTelemetry, dotnet-trace,
/// the UI benchmark's trace). Nothing is recorded when no one listens.
/// </summary>
public static class LabTracing
{
    public const string SourceName = "MinRnnLab.Web";
    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>A span for work of several calls (dispose it when the work ends); null when no one listens.</summary>
    public static Activity? Start(string call) => Source.StartActivity(call, ActivityKind.Client);

    public static async Task<T> Traced<T>(string call, Func<Task<T>> work, int? items = null)
    {
        using var activity = Source.StartActivity(call, ActivityKind.Client);
        if (items is not null)
            activity?.SetTag("items", items);
        return await work();
    }
}
