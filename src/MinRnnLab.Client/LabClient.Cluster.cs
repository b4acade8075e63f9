using MinRnnLab.Abstractions;
using Orleans.Runtime;

namespace MinRnnLab.Client;

/// <summary>Cluster side of the client: show silos, devices and the queue.</summary>
public sealed partial class LabClient
{
    /// <summary>Active silos with their devices and what each device trains, and the queue's depth.</summary>
    public async Task<ClusterView> GetClusterViewAsync()
    {
        var hosts = await Cluster.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        var published = (await Cluster.GetGrain<IDeviceRegistryGrain>(0).List()).ToDictionary(s => s.Address);
        var queue = await Queue.GetSnapshot();
        var leases = queue.Leases.ToDictionary(l => l.Worker);
        var silos = hosts.Select(host =>
        {
            var address = host.SiloAddress.ToString();
            var silo = published.GetValueOrDefault(address);
            return new SiloView(address, silo?.Silo ?? host.SiloName,
                (silo?.Devices ?? []).Select(d => new DeviceView(d.Worker, d.Kind, d.Device, leases.GetValueOrDefault(d.Worker))).ToArray(),
                silo?.LiveEventsDropped ?? 0, host.HostName, host.Status.ToString(), new DateTimeOffset(host.StartTime, TimeSpan.Zero));
        }).OrderBy(s => s.Name).ToArray();
        return new ClusterView(silos, queue.Queued.Length, queue.Leases);
    }
}

/// <summary>What an operator sees of the cluster. A lease whose worker is on no active silo is about to expire.</summary>
public sealed record ClusterView(SiloView[] Silos, int QueueDepth, Lease[] Leases);

/// <summary>
/// One active silo; LiveEventsDropped counts the live updates it could not deliver (subscribers catch up from the store).
/// Host, Status and Started are the cluster membership's: the machine, the silo's state, when it started.
/// </summary>
public sealed record SiloView(string Address, string Name, DeviceView[] Devices, long LiveEventsDropped, string Host, string Status, DateTimeOffset Started);

/// <summary>One device slot; Lease is what it trains now (from the queue, the source of truth), null when idle.</summary>
public sealed record DeviceView(string Worker, string Kind, string Device, Lease? Lease);
