using Orleans.Diagnostics;

namespace MinRnnLab.Web.Hosting;

/// <summary>
/// Where a page's server time goes: each grain call the pages make is a span on Orleans' own application source, turned
/// on where the web composes its Orleans client or co-hosted silo (AddActivityPropagation), so no wrapper around the
/// client is needed. Listeners (OpenTelemetry, dotnet-trace, the UI benchmark's trace) subscribe to <see cref="GrainCalls"/>;
/// nothing is recorded when no one listens.
/// </summary>
public static class LabWebTracing
{
    /// <summary>The grain calls of application code (ours), named "Interface/Method".</summary>
    public const string GrainCalls = ActivitySources.ApplicationGrainActivitySourceName;
}
