using MinRnnLab.Tests.Shared;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Hosting;

namespace MinRnnLab.Worker.Tests;

/// <summary>A real embedded platform (silo, SQLite, CPU slot) in a temp data folder, restartable on the same folder.</summary>
public sealed class Lab : IAsyncDisposable
{
    private Lab(LabOptions options, LabClient client) => (Options, Client) = (options, client);

    public LabOptions Options { get; }
    public LabClient Client { get; private set; }

    public static Task<Lab> StartAsync(string? dataFolder = null, ExecutorKind executor = ExecutorKind.Torch, int slots = 1) =>
        StartAsync(NewOptions(dataFolder, executor, slots));

    /// <summary>A platform on options a test has changed (start from <see cref="NewOptions"/>).</summary>
    public static async Task<Lab> StartAsync(LabOptions options) => new(options, await LabClient.StartEmbeddedAsync(options));

    /// <summary>Options for a test platform: temp data folder, free ports, short leases, the shared corpus.</summary>
    public static LabOptions NewOptions(string? dataFolder = null, ExecutorKind executor = ExecutorKind.Torch, int slots = 1) => new()
    {
        DataFolder = dataFolder ?? Path.Combine(Path.GetTempPath(), "minrnn-lab-tests", Guid.NewGuid().ToString("N")),
        CorpusPath = TestCorpus.FilePath,
        Devices = Enumerable.Repeat("cpu", slots).ToList(),
        LeaseDuration = TimeSpan.FromSeconds(3),
        PollInterval = TimeSpan.FromMilliseconds(100),
        SiloPort = FreePort.Next(),
        GatewayPort = FreePort.Next(),
        Executor = executor,
    };

    /// <summary>Stops the silo (as a crash would, mid-run) and starts a new one on the same data folder.</summary>
    public async Task RestartAsync()
    {
        await Client.DisposeAsync();
        Options.SiloPort = FreePort.Next();
        Options.GatewayPort = FreePort.Next();
        Client = await LabClient.StartEmbeddedAsync(Options);
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
        try { Directory.Delete(Options.DataFolder, recursive: true); } catch (IOException) { }
    }
}
