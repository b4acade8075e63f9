using MinRnnLab.Abstractions;
using Orleans.Concurrency;

namespace MinRnnLab.Grains;

/// <summary>In-memory device inventory; entries of silos that stopped refreshing are dropped when read.</summary>
public sealed class DeviceRegistryGrain : Grain, IDeviceRegistryGrain
{
    private readonly Dictionary<string, SiloDevices> silos = [];

    public Task Publish(SiloDevices silo)
    {
        silos[silo.Silo] = silo with { PublishedAt = DateTimeOffset.UtcNow };           // our clock, not the silo's
        return Task.CompletedTask;
    }

    public Task Withdraw(string silo)
    {
        silos.Remove(silo);
        return Task.CompletedTask;
    }

    [ReadOnly]
    public Task<SiloDevices[]> List()
    {
        var now = DateTimeOffset.UtcNow;
        return Task.FromResult(silos.Values.Where(s => s.PublishedAt + s.ExpiresAfter >= now).OrderBy(s => s.Silo).ToArray());
    }
}
