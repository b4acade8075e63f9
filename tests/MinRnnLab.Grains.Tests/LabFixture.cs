using System.Net;
using System.Net.Sockets;
using MinRnnLab.Abstractions;
using MinRnnLab.Grains.Client;
using MinRnnLab.Grains.Hosting;

namespace MinRnnLab.Grains.Tests;

/// <summary>A real embedded platform (silo, SQLite, CPU slot) in a temp data folder, restartable on the same folder.</summary>
public sealed class Lab : IAsyncDisposable
{
    private Lab(LabOptions options, LabClient client) => (Options, Client) = (options, client);

    public LabOptions Options { get; }
    public LabClient Client { get; private set; }

    public static async Task<Lab> StartAsync(string? dataFolder = null, ExecutorKind executor = ExecutorKind.Torch, int slots = 1)
    {
        var options = NewOptions(dataFolder, executor, slots);
        return new Lab(options, await LabClient.StartEmbeddedAsync(options));
    }

    /// <summary>Options for a test platform: temp data folder, free ports, short leases, the shared corpus.</summary>
    public static LabOptions NewOptions(string? dataFolder = null, ExecutorKind executor = ExecutorKind.Torch, int slots = 1) => new()
    {
        DataFolder = dataFolder ?? Path.Combine(Path.GetTempPath(), "minrnn-lab-tests", Guid.NewGuid().ToString("N")),
        CorpusPath = LocateCorpus(),
        Devices = Enumerable.Repeat("cpu", slots).ToList(),
        LeaseDuration = TimeSpan.FromSeconds(3),
        PollInterval = TimeSpan.FromMilliseconds(100),
        SiloPort = FreePort(),
        GatewayPort = FreePort(),
        Executor = executor,
    };

    /// <summary>Stops the silo (as a crash would, mid-run) and starts a new one on the same data folder.</summary>
    public async Task RestartAsync()
    {
        await Client.DisposeAsync();
        Options.SiloPort = FreePort();
        Options.GatewayPort = FreePort();
        Client = await LabClient.StartEmbeddedAsync(Options);
    }

    public async Task<SweepStatus> SubmitAsync(string yaml)
    {
        var result = await Client.SubmitSweepAsync(yaml, "test.yaml");
        Assert.True(result.Accepted, string.Join("\n", result.Errors));
        return result.Status!;
    }

    public async Task<T> WaitFor<T>(Func<Task<T>> read, Func<T, bool> done, int seconds = 240)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (done(value))
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"condition not met within {seconds} s; last value: {value}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        try { Directory.Delete(Options.DataFolder, recursive: true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public static string LocateCorpus() => MinRnnLab.Tests.Shared.TestCorpus.FilePath;
}
