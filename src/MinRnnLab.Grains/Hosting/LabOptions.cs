using MinRnnLab.Config;
using MinRnnLab.Grains.Workers;
using Microsoft.Extensions.Configuration;

namespace MinRnnLab.Grains.Hosting;

/// <summary>How one silo of the platform is set up. Read from configuration section "Lab" by <see cref="Bind"/>.</summary>
public sealed class LabOptions
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
    public void Validate()
    {
        for (var i = 0; i < Devices.Count; i++)
        {
            try
            {
                DeviceSlot.Parse(Devices[i]);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Lab:Devices:{i}: {e.Message}", e);
            }
        }
        if (CpuThreads is < 0 or > TrainConfig.MaxThreads)
            throw new ArgumentException($"Lab:CpuThreads (--threads) = {CpuThreads} is invalid: expected 0 (libtorch's default) to {TrainConfig.MaxThreads}");
        if (Storage == StorageKind.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
            throw new ArgumentException("Lab:ConnectionString is required when Lab:Storage is 'postgres'");
        if (Executor == ExecutorKind.Process)
            Workers.Trials.TrialProgram.Locate(this);                                   // at start, not at the first trial
    }

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
    public IReadOnlyList<DeviceSlot> Slots => (Devices.Count == 0 ? ["cpu"] : Devices).Select(DeviceSlot.Parse).ToArray();

    /// <summary>libtorch intra-op threads for CPU slots (process-wide); 0 leaves libtorch's default.</summary>
    public int CpuThreads { get; set; }

    /// <summary>A lease not renewed for this long is considered dead and its run re-queued.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an idle slot asks the queue for work.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Orleans ports for localhost clustering.</summary>
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// "process" trains each trial in a process of its own (the default: a crash or an out-of-memory kill ends that
    /// trial alone); "torch" trains in the silo's process (tests); "noop" finishes runs at once (orchestration benchmarks).
    /// </summary>
    public ExecutorKind Executor { get; set; } = ExecutorKind.Process;

    /// <summary>The minrnn.dll whose `trial` command trains each trial (executor "process"); empty means the one beside this app.</summary>
    public string? TrialProgram { get; set; }

    /// <summary>How long a cancelled or pruned trial, or one whose lease was lost, may take to stop before it is killed.</summary>
    public TimeSpan TrialStopGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a trial may take to checkpoint and stop when its silo shuts down (a step and a checkpoint of a paper-size
    /// model take about 10 s on 2 cores) before it is killed: under the 30 s a host waits for its services to stop.
    /// </summary>
    public TimeSpan TrialShutdownGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>"sqlite" (embedded, one silo) or "postgres" (a cluster: ADO.NET membership, state and reminders).</summary>
    public StorageKind Storage { get; set; } = StorageKind.Sqlite;

    /// <summary>Npgsql connection string of the cluster's database (Storage "postgres").</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Address other silos and clients reach this silo at; empty means this machine's host name.</summary>
    public string? AdvertisedIp { get; set; }

    /// <summary>Cluster membership probe timeout: a silo missing a few probes in a row is voted dead. Orleans' default is 5 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Heartbeats renew the lease three times per lease duration, so one lost beat is not fatal.</summary>
    public TimeSpan HeartbeatInterval => LeaseDuration / 3;
}
