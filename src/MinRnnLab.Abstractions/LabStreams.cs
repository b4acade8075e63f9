using Orleans.Runtime;

namespace MinRnnLab.Abstractions;

/// <summary>The one place that names live-progress streams, used by publishers and subscribers alike.</summary>
public static class LabStreams
{
    /// <summary>Stream provider registered on silos and clients.</summary>
    public const string Provider = "live";

    /// <summary>Progress of one run.</summary>
    public static StreamId Run(string runId) => StreamId.Create("run", runId);

    /// <summary>Progress of every run in one sweep.</summary>
    public static StreamId Sweep(string sweepId) => StreamId.Create("sweep", sweepId);
}
