using MinRnnLab.Tests.Shared;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MinRnnLab.Cluster.Tests;

/// <summary>
/// Silos as in-process hosts with distinct ports, one PostgreSQL database and one shared artifacts folder, plus a
/// client that finds them through the database. Silos can be killed (stopped without a graceful shutdown) and added.
/// </summary>
public sealed class InProcessCluster : IAsyncDisposable
{
    private readonly List<IHost?> silos = [];
    private readonly string root = Path.Combine(Path.GetTempPath(), "minrnn-cluster-tests", Guid.NewGuid().ToString("N"));

    private InProcessCluster(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }
    public string ArtifactsFolder => Path.Combine(root, "artifacts");
    public LabClient Client { get; private set; } = null!;

    public static async Task<InProcessCluster> StartAsync(int silos)
    {
        var cluster = new InProcessCluster(await PostgresServer.CreateDatabaseAsync());
        for (var i = 0; i < silos; i++)
            await cluster.StartSiloAsync();
        cluster.Client = await LabClient.ConnectClusterAsync(cluster.ConnectionString);
        return cluster;
    }

    public LabOptions Options(int index) => new()
    {
        Storage = StorageKind.Postgres,
        ConnectionString = ConnectionString,
        DataFolder = Path.Combine(root, $"silo{index}"),
        ArtifactsFolder = ArtifactsFolder,
        CorpusPath = TestCorpus.FilePath,
        Devices = ["cpu"],
        LeaseDuration = TimeSpan.FromSeconds(3),
        PollInterval = TimeSpan.FromMilliseconds(100),
        ProbeTimeout = TimeSpan.FromSeconds(1),
        AdvertisedIp = "127.0.0.1",
        SiloPort = FreePort.Next(),
        GatewayPort = FreePort.Next(),
    };

    /// <summary>Starts one more silo; its index.</summary>
    public async Task<int> StartSiloAsync()
    {
        var options = Options(silos.Count);
        var host = new HostBuilder()
            .UseOrleans(silo => silo.AddMinRnnLab(options))
            .ConfigureLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
            .Build();
        await host.StartAsync();
        silos.Add(host);
        return silos.Count - 1;
    }

    /// <summary>Stops a silo as a crash would: no graceful shutdown, its leases left to expire.</summary>
    public async Task KillAsync(int index)
    {
        var host = silos[index] ?? throw new InvalidOperationException($"silo {index} is not running");
        silos[index] = null;
        await host.StopAsync(new CancellationToken(canceled: true));
        host.Dispose();
    }

    public async Task KillAllAsync()
    {
        for (var i = 0; i < silos.Count; i++)
            if (silos[i] is not null)
                await KillAsync(i);
    }

    /// <summary>The index of the silo whose device holds the lease on <paramref name="runId"/>.</summary>
    public async Task<int> SiloRunning(string runId)
    {
        var view = await Client.GetClusterViewAsync();
        var address = view.Silos.Single(s => s.Devices.Any(d => d.Lease?.RunId == runId)).Address;
        for (var i = 0; i < silos.Count; i++)
            if (silos[i] is { } host && host.Services.GetService(typeof(Orleans.Runtime.ILocalSiloDetails)) is Orleans.Runtime.ILocalSiloDetails details
                && details.SiloAddress.ToString() == address)
                return i;
        throw new InvalidOperationException($"no running silo at {address}");
    }

    /// <summary>Address and gateway port of every running silo, for clients that join through one chosen gateway.</summary>
    public IEnumerable<(string Address, int GatewayPort)> Gateways() =>
        silos.OfType<IHost>().Select(host => (Orleans.Runtime.ILocalSiloDetails)host.Services.GetService(typeof(Orleans.Runtime.ILocalSiloDetails))!)
            .Select(details => (details.SiloAddress.ToString(), details.GatewayAddress!.Endpoint.Port));

    /// <summary>A new client: after a whole-cluster restart the old one knows only gateways that are gone.</summary>
    public async Task ReconnectAsync()
    {
        await Client.DisposeAsync();
        Client = await LabClient.ConnectClusterAsync(ConnectionString);
    }

    public async Task<SweepStatus> SubmitAsync(string yaml)
    {
        var result = await Client.SubmitSweepAsync(yaml, "test.yaml");
        Assert.True(result.Accepted, string.Join("\n", result.Errors));
        return result.Status!;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        foreach (var host in silos.OfType<IHost>())
        {
            await host.StopAsync(TimeSpan.FromSeconds(5));
            host.Dispose();
        }
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}
