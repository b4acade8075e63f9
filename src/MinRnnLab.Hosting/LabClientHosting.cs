using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;

namespace MinRnnLab.Hosting;

/// <summary>
/// The ways to get a <see cref="LabClient"/> that need the platform's server side: a silo started in this process,
/// or gateways found in PostgreSQL. They live here, not in MinRnnLab.Client, so that a client-only program carries
/// no libtorch, SQLite or Npgsql; as static extension members they still read <c>LabClient.StartEmbeddedAsync(...)</c>.
/// </summary>
public static class LabClientHosting
{
    extension(LabClient)
    {
        /// <summary>
        /// Starts a silo in this process, configured by AddMinRnnLab from <paramref name="options"/> (by default
        /// localhost clustering, SQLite and one CPU slot; Storage "postgres" joins that cluster), and returns its client.
        /// <paramref name="configure"/> runs after the platform's registrations (tests replace a service with it).
        /// Throws <see cref="DataFolderInUseException"/> when another platform holds the data folder.
        /// </summary>
        public static async Task<LabClient> StartEmbeddedAsync(LabOptions options, LogLevel logLevel = LogLevel.Warning, CancellationToken cancel = default,
            Action<ISiloBuilder>? configure = null)
        {
            var host = new HostBuilder()
                .ConfigureServices(services => services.AddSingleton<IHostLifetime, CallerOwnsSignalsLifetime>())
                .UseOrleans(silo =>
                {
                    silo.AddMinRnnLab(options);
                    configure?.Invoke(silo);
                })
                .ConfigureLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(logLevel))
                .Build();
            await host.StartAsync(cancel);
            return LabClient.ForHost(host);
        }

        /// <summary>Connects to a cluster whose silos register in the PostgreSQL database at <paramref name="connectionString"/>.</summary>
        public static async Task<LabClient> ConnectClusterAsync(string connectionString, CancellationToken cancel = default)
        {
            var database = NpgsqlDataSource.Create(connectionString);
            var host = new HostBuilder()
                .ConfigureServices(services => services.AddSingleton<IHostLifetime, CallerOwnsSignalsLifetime>())
                .UseOrleansClient(client => client
                    .Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (LabCluster.ServiceId, LabCluster.ClusterId))
                    .UseAdoNetClustering(o => (o.Invariant, o.DataSource) = (LabClusterExtensions.Invariant, database))
                    .AddMemoryStreams(LabStreams.Provider))
                .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
                .Build();
            await host.StartAsync(cancel);
            return LabClient.ForHost(host);
        }
    }
}
