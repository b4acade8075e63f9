using MinRnnLab.Abstractions;
using MinRnnLab.Grains;
using MinRnnLab.Hosting.Persistence;
using MinRnnLab.Worker;
using MinRnnLab.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace MinRnnLab.Hosting;

/// <summary>Registers the platform on a silo: storage, reminders, live streams and this silo's device worker.</summary>
public static class LabSiloExtensions
{
    /// <summary>
    /// The one way to configure a silo of the platform, whoever hosts it (the web's co-hosted silo, the worker silo,
    /// `minrnn serve`, the benchmarks). <see cref="LabOptions.Storage"/> picks embedded SQLite (localhost clustering,
    /// the data folder locked for the host's life) or a PostgreSQL cluster. Throws ArgumentException for settings it
    /// cannot start with, and <see cref="DataFolderInUseException"/> when another platform holds the data folder.
    /// </summary>
    public static ISiloBuilder AddMinRnnLab(this ISiloBuilder silo, LabOptions options)
    {
        options.Validate();
        var paths = new LabPaths(options.DataFolder, options.ArtifactsFolder);
        switch (options.Storage)
        {
            case StorageKind.Sqlite:
                silo.UseSqliteStorage(options, paths);
                break;
            case StorageKind.Postgres:
                silo.UsePostgresCluster(options);
                break;
            default:
                throw new ArgumentException($"Lab:Storage {options.Storage} is not 'sqlite' or 'postgres'");
        }
        return silo.AddPlatformServices(options, paths);
    }

    /// <summary>One silo on localhost, everything in SQLite files under the data folder, which it locks for the host's life.</summary>
    private static void UseSqliteStorage(this ISiloBuilder silo, LabOptions options, LabPaths paths)
    {
        var folderLock = DataFolderLock.Acquire(paths, options);                       // before any file under it is opened
        // Made by a factory, so the host's container owns it and releases the folder when the host is disposed.
        silo.Services.AddHostedService(_ => new DataFolderLockHolder(folderLock));
        var state = new SqliteDatabase(paths.StateDatabase);
        var writes = new WriteMeter();
        var trials = new SqliteSweepTrialStore(state, writes);
        trials.InitializeAsync().GetAwaiter().GetResult();
        var metrics = new SqliteMetricsStore(new SqliteDatabase(paths.MetricsDatabase));
        metrics.InitializeAsync().GetAwaiter().GetResult();
        silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: LabCluster.ServiceId, clusterId: LabCluster.ClusterId);
        silo.Services.AddKeyedSingleton<IGrainStorage>(LabStorage.Name, (_, _) => new SqliteGrainStorage(state, writes));
        silo.Services.AddSingleton<IReminderTable>(new SqliteReminderTable(state));
        silo.Services.AddSingleton<IMetricsStore>(new LegacyMetricNames(metrics));
        silo.Services.AddSingleton<ISweepTrialStore>(trials);
        silo.Services.AddSingleton(writes);
    }

    /// <summary>What every silo has, whatever its storage: the grains' services, the device worker, its reads of the artifacts folder.</summary>
    private static ISiloBuilder AddPlatformServices(this ISiloBuilder silo, LabOptions options, LabPaths paths)
    {
        // Each layer reads its own part of the options: the grains their lease, the worker its slots, hosts all of it.
        silo.AddLabGrains(options);
        silo.Services.AddSingleton(paths);
        silo.Services.AddSingleton(Options.Create(options));
        silo.Services.AddDeviceWorker(options);
        // A host gives its services HostOptions.ShutdownTimeout (30 s by default) to stop, then abandons them: it must
        // outwait the trials' checkpoint grace, or a trial given longer (a slow step at nice 19) is cut off regardless.
        silo.Services.Configure<HostOptions>(host =>
            host.ShutdownTimeout = Max(host.ShutdownTimeout, options.TrialShutdownGrace + HandBackTime));
        return silo;
    }

    // After a trial has checkpointed and stopped: its worker hands the run back and the silo leaves the cluster.
    private static readonly TimeSpan HandBackTime = TimeSpan.FromSeconds(10);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
