using MinRnnLab.Abstractions;
using MinRnnLab.Grains.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MinRnnLab.Worker;

/// <summary>
/// Publishes this silo's device slots, and what each is training, to the device registry: at start, then every
/// heartbeat interval. Three missed refreshes and the registry forgets the silo, as a dead machine should be.
/// </summary>
public sealed class DevicePublisher(
    IGrainFactory grains, DeviceWorker worker, LiveFeed live, ILocalSiloDetails silo, IOptions<WorkerOptions> options, ILogger<DevicePublisher> logger)
    : BackgroundService
{
    private IDeviceRegistryGrain Registry => grains.GetGrain<IDeviceRegistryGrain>(0);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var every = options.Value.HeartbeatInterval;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Registry.Publish(Snapshot(every * 3));
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                logger.LogWarning("publishing devices failed: {Message}; retrying", e.Message);
            }
            await Task.Delay(every, stopping).ContinueWith(_ => { });
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await Registry.Withdraw(silo.Name).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception e)
        {
            logger.LogDebug("withdrawing devices failed: {Message}; they expire instead", e.Message);
        }
    }

    private SiloDevices Snapshot(TimeSpan expiresAfter) => new(
        silo.Name, silo.SiloAddress.ToString(), silo.DnsHostName,
        worker.Workers.Select(w => new DeviceInfo(w.Worker, w.Slot.Kind, w.Slot.Device, worker.RunningOn(w.Worker))).ToArray(),
        DateTimeOffset.UtcNow, expiresAfter) { LiveEventsDropped = live.Counts.Dropped };
}
