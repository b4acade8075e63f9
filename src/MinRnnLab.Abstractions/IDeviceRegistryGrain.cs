namespace MinRnnLab.Abstractions;

/// <summary>
/// The cluster's device inventory (one instance, key 0). Every silo's device worker publishes its slots at start
/// and refreshes them by heartbeat; a silo that stops refreshing (it died) drops out after a few missed beats.
/// Kept in memory only: after a restart it is complete again within one refresh interval.
/// </summary>
public interface IDeviceRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Publishes (or refreshes) one silo's devices; <see cref="SiloDevices.ExpiresAfter"/> says how long it holds.</summary>
    Task Publish(SiloDevices silo);

    /// <summary>Removes a silo that is shutting down cleanly.</summary>
    Task Withdraw(string silo);

    /// <summary>Devices of every silo heard from recently.</summary>
    Task<SiloDevices[]> List();
}

/// <summary>One device slot: what runs ask for (Kind: "cpu", "cuda"), what torch uses (Device), and the worker id its leases carry.</summary>
[GenerateSerializer, Immutable, Alias("MinRnnLab.DeviceInfo")]
public sealed record DeviceInfo(
    [property: Id(0)] string Worker,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Device,
    [property: Id(3)] string? RunId);

/// <summary>A silo's devices as it last published them.</summary>
[GenerateSerializer, Immutable, Alias("MinRnnLab.SiloDevices")]
public sealed record SiloDevices(
    [property: Id(0)] string Silo,
    [property: Id(1)] string Address,
    [property: Id(2)] string Host,
    [property: Id(3)] DeviceInfo[] Devices,
    [property: Id(4)] DateTimeOffset PublishedAt,
    [property: Id(5)] TimeSpan ExpiresAfter)
{
    /// <summary>Live updates this silo dropped since it started (a full stream queue): nothing stored is lost by them.</summary>
    [Id(6)]
    public long LiveEventsDropped { get; init; }
}
