using System.Diagnostics;

namespace MinRnnLab.Cli.Benchmarks.Cluster;

/// <summary>
/// CPU seconds at one moment: each silo's, the private PostgreSQL's (its server and backends; -1 for a server of its
/// own), this client's, and the machine's busy and total time. Two readings subtracted give a benchmark's share, and
/// what else the machine did meanwhile (<see cref="Other"/>: builds, the background training).
/// </summary>
public sealed record CpuReading(double[] Silos, double Postgres, double Client, double MachineBusy, double MachineTotal)
{
    public double Other => MachineBusy - Silos.Sum() - Math.Max(0, Postgres) - Client;

    public double MachineBusyShare => MachineTotal <= 0 ? 0 : MachineBusy / MachineTotal;

    public static CpuReading Take(SiloFleet fleet, PrivatePostgres? postgres)
    {
        var (busy, total) = ProcessUsage.MachineCpuSeconds();
        using var self = Process.GetCurrentProcess();
        return new CpuReading([.. fleet.Members.Select(m => m.CpuSeconds)], postgres is null ? -1 : ProcessUsage.TreeCpuSeconds(postgres.ProcessId),
            self.TotalProcessorTime.TotalSeconds, busy, total);
    }

    public static CpuReading operator -(CpuReading after, CpuReading before) => new(
        [.. after.Silos.Zip(before.Silos, (a, b) => a - b)], after.Postgres < 0 ? -1 : after.Postgres - before.Postgres,
        after.Client - before.Client, after.MachineBusy - before.MachineBusy, after.MachineTotal - before.MachineTotal);
}
