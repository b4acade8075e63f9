using MinRnnLab.Storage;
using MinRnnLab.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MinRnnLab.Grains.Tests;

/// <summary>
/// A silo with the platform's grains and nothing that trains: grain state and reminders in memory, metrics and trial
/// rows in SQLite files under a temp folder. Whatever plays the worker calls the grains as DeviceWorker does.
/// </summary>
public sealed class GrainSilo : IAsyncDisposable
{
    private readonly IHost host;
    private readonly string folder;

    private GrainSilo(IHost host, string folder) => (this.host, this.folder) = (host, folder);

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();
    public IMetricsStore Metrics => host.Services.GetRequiredService<IMetricsStore>();

    /// <summary>Deactivates every idle grain, as a silo does to grains nobody called for a while.</summary>
    public Task DeactivateIdleGrainsAsync() => Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    /// <summary>The silo's data and artifacts folders, where a test plays the worker's files.</summary>
    public LabPaths Paths => host.Services.GetRequiredService<LabPaths>();

    public ISweepTrialStore TrialRows => host.Services.GetRequiredService<ISweepTrialStore>();

    public static async Task<GrainSilo> StartAsync()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "minrnn-grain-tests", Guid.NewGuid().ToString("N"))).FullName;
        var paths = new LabPaths(folder);
        var metrics = new SqliteMetricsStore(new SqliteDatabase(paths.MetricsDatabase));
        await metrics.InitializeAsync();
        var trials = new SqliteSweepTrialStore(new SqliteDatabase(paths.StateDatabase));
        await trials.InitializeAsync();
        var host = new HostBuilder()
            .UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next());
                // State as JSON, as the platform's storage keeps it: the memory provider's default serializer cannot read
                // back the grains' state types, which matters once a test deactivates a grain.
                silo.AddMemoryGrainStorage(LabStorage.Name, memory => memory.GrainStorageSerializer = new JsonStateSerializer());
                silo.UseInMemoryReminderService();
                silo.AddLabGrains(new GrainOptions { LeaseDuration = TimeSpan.FromSeconds(3) });
                silo.Services.AddSingleton<IMetricsStore>(metrics);
                silo.Services.AddSingleton<ISweepTrialStore>(trials);
                silo.Services.AddSingleton(paths);
            })
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .Build();
        await host.StartAsync();
        return new GrainSilo(host, folder);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Grain state as System.Text.Json, as the platform's SQLite and PostgreSQL storage keep it.</summary>
internal sealed class JsonStateSerializer : Orleans.Storage.IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(input));

    public T Deserialize<T>(BinaryData input) => System.Text.Json.JsonSerializer.Deserialize<T>(input.ToMemory().Span)!;
}
