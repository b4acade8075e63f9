namespace MinRnnLab.Abstractions;

/// <summary>The right of one worker to train one run until <see cref="ExpiresAt"/>, renewed by heartbeats.</summary>
[GenerateSerializer, Immutable, Alias("MinRnnLab.Lease")]
public sealed record Lease(
    [property: Id(0)] string RunId,
    [property: Id(1)] string Worker,
    [property: Id(2)] string DeviceKind,
    [property: Id(3)] DateTimeOffset ExpiresAt);

/// <summary>The queue as an operator sees it.</summary>
[GenerateSerializer, Immutable, Alias("MinRnnLab.QueueSnapshot")]
public sealed record QueueSnapshot(
    [property: Id(0)] string[] Queued,
    [property: Id(1)] Lease[] Leases);
