namespace MinRnnLab.Grains.Hosting;

/// <summary>How one silo of the platform is set up. Bound from configuration section "Lab".</summary>
public sealed class LabOptions
{
    /// <summary>Folder for SQLite files and (by default) artifacts; "data" under the working folder.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Checkpoint folder shared by all silos of a cluster; defaults to DataFolder/artifacts.</summary>
    public string? ArtifactsFolder { get; set; }

    /// <summary>Corpus file; empty means MINRNN_DATA, then DataFolder/tinyshakespeare.txt, then download.</summary>
    public string? CorpusPath { get; set; }

    /// <summary>
    /// Device slots of this silo: "cpu" (one CPU run at a time each) or "cuda:N". Empty means one "cpu" slot;
    /// the default is an empty list because configuration binding appends to a list rather than replacing it.
    /// </summary>
    public List<string> Devices { get; set; } = [];

    /// <summary>The slots this silo really runs: <see cref="Devices"/>, or one CPU slot when none are configured.</summary>
    public IReadOnlyList<string> SlotDevices => Devices.Count == 0 ? ["cpu"] : Devices;

    /// <summary>libtorch intra-op threads for CPU slots (process-wide); 0 leaves libtorch's default.</summary>
    public int CpuThreads { get; set; }

    /// <summary>A lease not renewed for this long is considered dead and its run re-queued.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an idle slot asks the queue for work.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Orleans ports for localhost clustering.</summary>
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>"torch" trains for real; "noop" finishes runs at once (orchestration benchmarks).</summary>
    public string Executor { get; set; } = "torch";

    /// <summary>"sqlite" (embedded, one silo) or "postgres" (a cluster: ADO.NET membership, state and reminders).</summary>
    public string Storage { get; set; } = "sqlite";

    /// <summary>Npgsql connection string of the cluster's database (Storage = "postgres").</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Address other silos and clients reach this silo at; empty means this machine's host name.</summary>
    public string? AdvertisedIp { get; set; }

    /// <summary>Cluster membership probe timeout: a silo missing a few probes in a row is voted dead. Orleans' default is 5 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Heartbeats renew the lease three times per lease duration, so one lost beat is not fatal.</summary>
    public TimeSpan HeartbeatInterval => LeaseDuration / 3;
}
