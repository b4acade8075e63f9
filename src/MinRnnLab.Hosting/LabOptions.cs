using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Worker;
using Microsoft.Extensions.Configuration;

namespace MinRnnLab.Hosting;

/// <summary>
/// How one silo of the platform is set up. Read from configuration section "Lab" by <see cref="Bind"/>. The device
/// worker's settings (<see cref="WorkerOptions"/>) and the grains' settings (GrainOptions: the lease, the live feed) are part of it: each layer
/// is handed only the part it reads.
/// </summary>
public sealed class LabOptions : WorkerOptions
{
    /// <summary>
    /// Reads section "Lab" and checks it: the one way hosts read their settings. A wrong value throws an
    /// ArgumentException naming the setting (Lab:Storage, Lab:Devices:1, ...) and what it may be.
    /// </summary>
    public static LabOptions Bind(IConfiguration configuration)
    {
        var section = configuration.GetSection("Lab");
        EnumSetting.Check<StorageKind>(section, nameof(Storage));
        EnumSetting.Check<ExecutorKind>(section, nameof(Executor));
        var options = section.Get<LabOptions>() ?? new LabOptions();
        options.Validate();
        return options;
    }

    /// <summary>Refuses settings a silo cannot start with; run by AddMinRnnLab too, so options built in code are checked.</summary>
    public override void Validate()
    {
        base.Validate();
        if (Storage == StorageKind.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
            throw new ArgumentException("Lab:ConnectionString is required when Lab:Storage is 'postgres'");
    }

    /// <summary>Checkpoint folder shared by all silos of a cluster; defaults to DataFolder/artifacts.</summary>
    public string? ArtifactsFolder { get; set; }

    /// <summary>Orleans ports for localhost clustering.</summary>
    public int SiloPort { get; set; } = LabCluster.DefaultSiloPort;
    public int GatewayPort { get; set; } = LabCluster.DefaultGatewayPort;

    /// <summary>"sqlite" (embedded, one silo) or "postgres" (a cluster: ADO.NET membership, state and reminders).</summary>
    public StorageKind Storage { get; set; } = StorageKind.Sqlite;

    /// <summary>Npgsql connection string of the cluster's database (Storage "postgres").</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Address other silos and clients reach this silo at; empty means this machine's host name.</summary>
    public string? AdvertisedIp { get; set; }

    /// <summary>Cluster membership probe timeout: a silo missing a few probes in a row is voted dead. Orleans' default is 5 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
