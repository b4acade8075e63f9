using System.CommandLine;
using MinRnnLab.Client;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>`minrnn cluster [--pg CONNECTION]`: active silos, each device and the run it trains, and the queue.</summary>
public static class ClusterCommand
{
    public static Command Create() => SweepCommands.OnPlatform(
        new Command("cluster", "silos, their devices, what each trains, and the queue's depth"),
        async (_, client, _, _) =>
        {
            Print(await client.GetClusterViewAsync());
            return 0;
        });

    public static void Print(ClusterView view)
    {
        var table = new Table().AddColumns("silo", "address", "device", "kind", "training", "lease expires");
        foreach (var silo in view.Silos)
        {
            if (silo.Devices.Length == 0)
                table.AddRow(Markup.Escape(silo.Name), Markup.Escape(silo.Address), "(no devices published yet)", "", "", "");
            foreach (var device in silo.Devices)
                table.AddRow(Markup.Escape(silo.Name), Markup.Escape(silo.Address), device.Device, device.Kind,
                    Markup.Escape(device.Lease?.RunId ?? "idle"), device.Lease is { } l ? $"{(l.ExpiresAt - DateTimeOffset.UtcNow).TotalSeconds:F0} s" : "");
        }
        AnsiConsole.Write(table);
        var orphans = view.Leases.Where(l => !view.Silos.SelectMany(s => s.Devices).Any(d => d.Worker == l.Worker)).ToArray();
        AnsiConsole.WriteLine($"{view.Silos.Length} silos, {view.Silos.Sum(s => s.Devices.Length)} devices, "
                              + $"{view.Leases.Length} running, {view.QueueDepth} queued");
        foreach (var lease in orphans)                                                  // its silo is gone; the lease will expire
            AnsiConsole.WriteLine($"lease on {lease.RunId} held by a worker no silo publishes: {lease.Worker}");
    }
}
