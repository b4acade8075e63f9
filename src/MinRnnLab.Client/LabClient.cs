using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MinRnnLab.Abstractions;
using MinRnnLab.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace MinRnnLab.Client;

/// <summary>
/// The typed .NET client: submit sweeps, read results, and watch runs live — against an embedded silo started
/// in this process, or a cluster reached through its gateway.
/// </summary>
public sealed partial class LabClient : ILabClient, IAsyncDisposable
{
    private readonly IHost? host;

    private LabClient(IHost? host, IClusterClient cluster)
    {
        this.host = host;
        Cluster = cluster;
    }

    /// <summary>
    /// Wraps a started host (a client, or a silo started in this process by MinRnnLab.Grains' hosting) and owns it:
    /// disposing the client stops the host.
    /// </summary>
    public static LabClient ForHost(IHost host) => new(host, host.Services.GetRequiredService<IClusterClient>());

    /// <summary>
    /// Wraps a cluster client whose host belongs to someone else (the web app co-hosting a silo, or joined as a
    /// client); disposing this wrapper stops nothing.
    /// </summary>
    public static LabClient ForCluster(IClusterClient cluster) => new(null, cluster);

    public IClusterClient Cluster { get; }

    /// <summary>A service of the silo this client started in-process (benchmarks read its meters); null otherwise.</summary>
    internal T? SiloService<T>() where T : class => host?.Services.GetService<T>();

    /// <summary>Connects to a running platform through the gateway on localhost (embedded web UI or a silo).</summary>
    public static async Task<LabClient> ConnectAsync(int gatewayPort = LabCluster.DefaultGatewayPort, CancellationToken cancel = default)
    {
        var host = new HostBuilder()
            .ConfigureServices(services => services.AddSingleton<IHostLifetime, CallerOwnsSignalsLifetime>())
            .UseOrleansClient(client => client
                .UseLocalhostClustering(gatewayPort, LabCluster.ServiceId, LabCluster.ClusterId)
                .AddMemoryStreams(LabStreams.Provider))
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .Build();
        await host.StartAsync(cancel);
        return ForHost(host);
    }

    /// <summary>
    /// Submits a sweep file as text: the platform parses and checks it once (<see cref="ISweepIntakeGrain"/>), against its
    /// own workers' memory, and makes the id from its name and the time. A refused file's errors come back located.
    /// </summary>
    public Task<SubmitResult> SubmitSweepAsync(string yaml, string fileName) =>
        Cluster.GetGrain<ISweepIntakeGrain>(0).Submit(yaml, fileName);

    public ISweepGrain Sweep(string sweepId) => Cluster.GetGrain<ISweepGrain>(sweepId);
    public IRunGrain Run(string runId) => Cluster.GetGrain<IRunGrain>(runId);
    public RunQueue Queue => Cluster.RunQueue();

    /// <summary>Curves of many runs in one call, each thinned to at most <paramref name="maxPoints"/> points where it is read.</summary>
    public Task<MetricSeries[]> GetCurvesAsync(IEnumerable<string> runIds, IEnumerable<string> names, int maxPoints) =>
        Cluster.GetGrain<IMetricsReaderGrain>(0).GetCurves([.. runIds], [.. names], maxPoints);

    public async Task<SweepStatus[]> ListSweepsAsync()
    {
        var ids = await Cluster.GetGrain<ISweepRegistryGrain>(0).List();
        return (await Task.WhenAll(ids.Select(id => Sweep(id).GetStatus()))).OfType<SweepStatus>().ToArray();
    }

    /// <summary>The sweep's status; throws KeyNotFoundException ("no sweep 'X'") when there is none.</summary>
    public async Task<SweepStatus> GetSweepAsync(string sweepId) =>
        await Sweep(sweepId).GetStatus() ?? throw new KeyNotFoundException(NotFound.Sweep(sweepId));

    /// <summary>Polls until the sweep is completed or cancelled; throws KeyNotFoundException when there is no such sweep.</summary>
    public async Task<SweepStatus> WaitForSweepAsync(string sweepId, TimeSpan? poll = null, CancellationToken cancel = default)
    {
        var unreachableSince = (DateTime?)null;
        while (true)
        {
            try
            {
                var status = await GetSweepAsync(sweepId);
                if (status.State.IsFinal())
                    return status;
                unreachableSince = null;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException
                                      && DateTime.UtcNow - (unreachableSince ??= DateTime.UtcNow) < GatewayOutageTolerance)
            {
                // The gateway this client used died (its silo crashed): the next call goes through another one.
            }
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(500), cancel);
        }
    }

    /// <summary>How long a waiting client keeps retrying while no gateway answers.</summary>
    public static TimeSpan GatewayOutageTolerance { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Live progress of one run, as its grain publishes it.</summary>
    public IAsyncEnumerable<RunProgress> WatchRunAsync(string runId, CancellationToken cancel = default) =>
        Watch(LabStreams.OfRun(runId), p => p.RunId == runId, cancel);

    /// <summary>Live progress of every run of a sweep.</summary>
    public IAsyncEnumerable<RunProgress> WatchSweepAsync(string sweepId, CancellationToken cancel = default) =>
        Watch(LabStreams.Sweep(sweepId), _ => true, cancel);

    private async IAsyncEnumerable<RunProgress> Watch(StreamId id, Func<RunProgress, bool> wanted, [EnumeratorCancellation] CancellationToken cancel)
    {
        var updates = Channel.CreateUnbounded<RunProgress>();
        var stream = Cluster.GetStreamProvider(LabStreams.Provider).GetStream<RunProgress>(id);
        var subscription = await stream.SubscribeAsync((progress, _) => wanted(progress) ? updates.Writer.WriteAsync(progress).AsTask() : Task.CompletedTask);
        try
        {
            await foreach (var progress in updates.Reader.ReadAllAsync(cancel))
                yield return progress;
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (host is null)
            return;
        try
        {
            // Room for a slot to finish its step, checkpoint and hand its run back (see DeviceWorker).
            await host.StopAsync(TimeSpan.FromSeconds(25));
        }
        finally
        {
            host.Dispose();
        }
    }
}
