using MinRnnLab.Abstractions;
using MinRnnLab.Grains.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;

namespace MinRnnLab.Grains.Client;

/// <summary>Cluster side of the client: find gateways in PostgreSQL, and show silos, devices and the queue.</summary>
public sealed partial class LabClient
{
    /// <summary>Connects to a cluster whose silos register in the PostgreSQL database at <paramref name="connectionString"/>.</summary>
    public static async Task<LabClient> ConnectClusterAsync(string connectionString, CancellationToken cancel = default)
    {
        var database = NpgsqlDataSource.Create(connectionString);
        var host = new HostBuilder()
            .UseOrleansClient(client => client
                .Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (LabCluster.ServiceId, LabCluster.ClusterId))
                .UseAdoNetClustering(o => (o.Invariant, o.DataSource) = (LabClusterExtensions.Invariant, database))
                .AddMemoryStreams(LabStreams.Provider))
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .Build();
        await host.StartAsync(cancel);
        return new LabClient(host);
    }

    /// <summary>Active silos with their devices and what each device trains, and the queue's depth.</summary>
    public async Task<ClusterView> GetClusterViewAsync()
    {
        var hosts = await Cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var published = (await Cluster.GetGrain<IDeviceRegistryGrain>(0).List()).ToDictionary(s => s.Address);
        var queue = await Queue.GetSnapshot();
        var leases = queue.Leases.ToDictionary(l => l.Worker);
        var silos = hosts.Keys.Select(address =>
        {
            var devices = published.GetValueOrDefault(address.ToString())?.Devices ?? [];
            return new SiloView(address.ToString(), published.GetValueOrDefault(address.ToString())?.Silo ?? "?",
                devices.Select(d => new DeviceView(d.Worker, d.Kind, d.Device, leases.GetValueOrDefault(d.Worker))).ToArray());
        }).OrderBy(s => s.Name).ToArray();
        return new ClusterView(silos, queue.Queued.Length, queue.Leases);
    }
}

/// <summary>What an operator sees of the cluster. A lease whose worker is on no active silo is about to expire.</summary>
public sealed record ClusterView(SiloView[] Silos, int QueueDepth, Lease[] Leases);

public sealed record SiloView(string Address, string Name, DeviceView[] Devices);

/// <summary>One device slot; Lease is what it trains now (from the queue, the source of truth), null when idle.</summary>
public sealed record DeviceView(string Worker, string Kind, string Device, Lease? Lease);
