using System.Net;
using MinRnnLab.Abstractions;
using MinRnnLab.Grains;
using MinRnnLab.Storage;
using MinRnnLab.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.Storage;

namespace MinRnnLab.Hosting;

/// <summary>
/// Cluster mode: any number of silos on any machines, joined through PostgreSQL with Orleans' own ADO.NET providers
/// (membership, grain state, reminders), metrics in the same database, checkpoints in a folder all silos share.
/// </summary>
public static class LabClusterExtensions
{
    /// <summary>The ADO.NET provider name Orleans loads Npgsql by.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>Membership, grain state, reminders and metrics in the PostgreSQL database; part of AddMinRnnLab.</summary>
    internal static void UsePostgresCluster(this ISiloBuilder silo, LabOptions options)
    {
        var database = ConnectDatabase(options);
        silo.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (LabCluster.ServiceId, LabCluster.ClusterId));
        silo.UseAdoNetClustering(o => (o.Invariant, o.DataSource) = (Invariant, database));
        silo.AddAdoNetGrainStorage(LabStorage.Name, o => o.Configure<IServiceProvider>((storage, services) =>
        {
            (storage.Invariant, storage.DataSource) = (Invariant, database);
            // System.Text.Json, as the embedded SQLite store: state classes are plain C#, not Orleans-serializable,
            // and the ADO.NET default (Newtonsoft) cannot build the positional records they hold.
            storage.GrainStorageSerializer = ActivatorUtilities.CreateInstance<SystemTextJsonGrainStorageSerializer>(services);
        }));
        silo.UseAdoNetReminderService(o => (o.Invariant, o.DataSource) = (Invariant, database));
        ConfigureEndpoints(silo, options);
        silo.Configure<ClusterMembershipOptions>(o => o.ProbeTimeout = options.ProbeTimeout);
        silo.Services.AddSingleton<IMetricsStore>(new LegacyMetricNames(new PostgresMetricsStore(database)));
        silo.Services.AddSingleton<ISweepTrialStore>(new PostgresSweepTrialStore(database));
    }

    /// <summary>Waits for the database (a silo may start before it) and brings its schema up to date.</summary>
    private static NpgsqlDataSource ConnectDatabase(LabOptions options)
    {
        // LabOptions.Validate has checked the connection string is there. This runs while the host is being built,
        // before any logger exists: one plain line per try on stderr.
        return PostgresConnector.ConnectAsync(options.ConnectionString!, line => Console.Error.WriteLine(line)).GetAwaiter().GetResult();
    }

    private static void ConfigureEndpoints(ISiloBuilder silo, LabOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.AdvertisedIp))
            silo.ConfigureEndpoints(Dns.GetHostName(), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        else
            silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedIp), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
    }
}
