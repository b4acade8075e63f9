using MinRnnLab.Abstractions;
using MinRnnLab.Grains.Artifacts;
using MinRnnLab.Grains.Live;
using MinRnnLab.Grains.Persistence;
using MinRnnLab.Grains.Workers;
using MinRnnLab.Grains.Workers.Trials;
using MinRnnLab.Storage;
using MinRnnLab.Training.Checkpoints;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace MinRnnLab.Grains.Hosting;

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
        silo.Services.AddSingleton<IMetricsStore>(metrics);
        silo.Services.AddSingleton<ISweepTrialStore>(trials);
        silo.Services.AddSingleton(writes);
    }

    /// <summary>What every silo has, whatever its storage: reminders, live streams, the device worker, its reads of the artifacts folder.</summary>
    private static ISiloBuilder AddPlatformServices(this ISiloBuilder silo, LabOptions options, LabPaths paths)
    {
        silo.AddReminders();
        silo.AddMemoryStreams(LabStreams.Provider);
        // Stream subscriptions are live-only: subscribers (UI, CLI) subscribe again after a restart.
        silo.AddMemoryGrainStorage("PubSubStore");
        silo.Services.AddSingleton<LiveFeed>();                                         // what grains publish goes through it
        silo.Services.AddHostedService(sp => sp.GetRequiredService<LiveFeed>());
        silo.Services.AddSingleton(paths);
        silo.Services.AddSingleton(Options.Create(options));
        silo.Services.AddSingleton<RunArtifacts>();                                     // behind IArtifactGrain
        // Tests register their own writer after this one (the last registration wins) to fail storage on demand.
        silo.Services.AddSingleton<ICheckpointWriter>(DiskCheckpointWriter.Instance);
        silo.Services.AddSingleton<IRunExecutor>(sp => options.Executor switch
        {
            ExecutorKind.Process => new ProcessRunExecutor(sp.GetRequiredService<IOptions<LabOptions>>(), sp.GetRequiredService<ILogger<ProcessRunExecutor>>()),
            ExecutorKind.Torch => new TorchRunExecutor(sp.GetRequiredService<IOptions<LabOptions>>(), sp.GetRequiredService<ICheckpointWriter>()),
            ExecutorKind.Noop => new NoOpRunExecutor(),
            _ => throw new ArgumentException($"Lab:Executor {options.Executor} is not 'process', 'torch' or 'noop'"),
        });
        silo.Services.AddSingleton<DeviceWorker>();
        silo.Services.AddHostedService(sp => sp.GetRequiredService<DeviceWorker>());
        silo.Services.AddHostedService<DevicePublisher>();
        return silo;
    }
}
