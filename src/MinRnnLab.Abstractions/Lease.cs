namespace MinRnnLab.Abstractions;

/// <summary>The right of one worker to train one run until <see cref="ExpiresAt"/>, renewed by heartbeats.</summary>
[GenerateSerializer, Immutable, Alias("MinRnnLab.Lease")]
public sealed record Lease(
    [property: Id(0)] string RunId,
    [property: Id(1)] string Worker,
    [property: Id(2)] string DeviceKind,
    [property: Id(3)] DateTimeOffset ExpiresAt)
{
    /// <summary>Set when the run asks its worker to checkpoint and give it back (its sweep was paused).</summary>
    [Id(4)]
    public bool HandBackRequested { get; init; }
}

/// <summary>What a worker's heartbeat hears back about its lease.</summary>
[GenerateSerializer, Alias("MinRnnLab.LeaseRenewal")]
public enum LeaseRenewal
{
    /// <summary>Renewed: keep training.</summary>
    Renewed,
    /// <summary>Lost (expired, revoked, or the run stopped): stop training now, as it is.</summary>
    Lost,
    /// <summary>Renewed, and the run asks to be given back: checkpoint, stop, and hand it back.</summary>
    HandBack,
}

/// <summary>The queue as an operator sees it.</summary>
[GenerateSerializer, Immutable, Alias("MinRnnLab.QueueSnapshot")]
public sealed record QueueSnapshot(
    [property: Id(0)] string[] Queued,
    [property: Id(1)] Lease[] Leases);
