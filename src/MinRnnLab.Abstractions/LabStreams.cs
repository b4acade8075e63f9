using Orleans.Runtime;

namespace MinRnnLab.Abstractions;

/// <summary>The one place that names live-progress streams, used by publishers and subscribers alike.</summary>
public static class LabStreams
{
    /// <summary>Stream provider registered on silos and clients.</summary>
    public const string Provider = "live";

    /// <summary>Progress of every run in one sweep.</summary>
    public static StreamId Sweep(string sweepId) => StreamId.Create("sweep", sweepId);

    /// <summary>
    /// The stream a run's progress is on: its sweep's (a run id is "{sweepId}/{trialIndex}"). Runs have no stream of
    /// their own: each new stream costs the provider a rendezvous grain and a state write, once per run, and a run's
    /// watcher reads its sweep's stream for its run's events.
    /// </summary>
    public static StreamId OfRun(string runId) => Sweep(runId[..Math.Max(runId.LastIndexOf('/'), 0)]);
}
