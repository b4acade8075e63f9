using MinRnnLab.Client;

namespace MinRnnLab.Web.Services;

/// <summary>The Overview page's one read: the cluster view and the recent sweeps, put into the rows the page shows.</summary>
public static class OverviewReader
{
    private const int RecentSweeps = 8;

    public static async Task<OverviewSnapshot> ReadAsync(ILabClient lab)
    {
        var view = await lab.GetClusterViewAsync();
        var sweeps = await lab.ListSweepsAsync();
        var silos = view.Silos.Select(s => new SiloRow(s.Name, s.Host, s.Address, s.Status, s.Started)).ToArray();
        return new OverviewSnapshot(silos, Devices(view), view.QueueDepth, sweeps.Take(RecentSweeps).ToArray(), view.Silos.Sum(s => s.LiveEventsDropped));
    }

    /// <summary>
    /// Every device slot each silo published, idle or not, then the leases held by workers on no active silo
    /// (they are about to expire and their runs to be re-queued).
    /// </summary>
    private static IReadOnlyList<DeviceRow> Devices(ClusterView view)
    {
        var rows = view.Silos.SelectMany(silo => silo.Devices.Select(d => new DeviceRow(
            silo.Host, d.Device, d.Worker, d.Lease?.RunId, d.Lease?.ExpiresAt))).ToList();
        var onActiveSilos = rows.Select(r => r.Worker).ToHashSet();
        rows.AddRange(view.Leases.Where(l => !onActiveSilos.Contains(l.Worker))
            .Select(l => new DeviceRow("(no active silo)", l.DeviceKind, l.Worker, l.RunId, l.ExpiresAt)));
        return rows;
    }
}
