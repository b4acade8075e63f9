using MinRnnLab.Abstractions;

namespace MinRnnLab.Grains;

/// <summary>Queued runs in arrival order, and the leases currently held.</summary>
public sealed class RunQueueState
{
    public List<QueuedRun> Queue { get; set; } = [];
    public Dictionary<string, Lease> Leases { get; set; } = [];
}

public sealed record QueuedRun(string RunId, string DeviceKind);
