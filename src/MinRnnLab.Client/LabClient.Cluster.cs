using MinRnnLab.Abstractions;
using Orleans.Runtime;

namespace MinRnnLab.Client;

/// <summary>Cluster side of the client: show silos, devices and the queue.</summary>
public sealed partial class LabClient
{
    /// <summary>Active silos with their devices and what each device trains, and the queue's depth.</summary>
    public async Task<ClusterView> GetClusterViewAsync()
    {
        var hosts = await Cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var published = (await Cluster.GetGrain<IDeviceRegistryGrain>(0).List()).ToDictionary(s => s.Address);
        var queue = await Queue.GetSnapshot();
        var leases = queue.Leases.ToDictionary(l => l.Worker);
        var silos = hosts.Keys.Select(address =>
        {
            var silo = published.GetValueOrDefault(address.ToString());
            return new SiloView(address.ToString(), silo?.Silo ?? "?",
                (silo?.Devices ?? []).Select(d => new DeviceView(d.Worker, d.Kind, d.Device, leases.GetValueOrDefault(d.Worker))).ToArray(),
                silo?.LiveEventsDropped ?? 0);
        }).OrderBy(s => s.Name).ToArray();
        return new ClusterView(silos, queue.Queued.Length, queue.Leases);
    }
}

/// <summary>What an operator sees of the cluster. A lease whose worker is on no active silo is about to expire.</summary>
public sealed record ClusterView(SiloView[] Silos, int QueueDepth, Lease[] Leases);

/// <summary>One active silo; LiveEventsDropped counts the live updates it could not deliver (subscribers catch up from the store).</summary>
public sealed record SiloView(string Address, string Name, DeviceView[] Devices, long LiveEventsDropped);

/// <summary>One device slot; Lease is what it trains now (from the queue, the source of truth), null when idle.</summary>
public sealed record DeviceView(string Worker, string Kind, string Device, Lease? Lease);
