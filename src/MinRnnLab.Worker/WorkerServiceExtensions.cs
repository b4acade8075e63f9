using MinRnnLab.Training.Checkpoints;
using MinRnnLab.Worker.Artifacts;
using MinRnnLab.Worker.Trials;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MinRnnLab.Worker;

/// <summary>Registers a silo's device worker: its slots, the executor they train with, and the reads of its run files.</summary>
public static class WorkerServiceExtensions
{
    /// <summary>
    /// The worker's part of a silo (MinRnnLab.Hosting's AddMinRnnLab calls it): <paramref name="options"/>.Executor
    /// picks how a leased run trains. Needs the grains' services (LiveFeed, LabPaths) registered beside it.
    /// </summary>
    public static IServiceCollection AddDeviceWorker(this IServiceCollection services, WorkerOptions options)
    {
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<RunArtifacts>();                                          // behind IArtifactGrain
        // Tests register their own writer after this one (the last registration wins) to fail storage on demand.
        services.AddSingleton<ICheckpointWriter>(DiskCheckpointWriter.Instance);
        services.AddSingleton<IRunExecutor>(sp => options.Executor switch
        {
            ExecutorKind.Process => new ProcessRunExecutor(sp.GetRequiredService<IOptions<WorkerOptions>>(), sp.GetRequiredService<ILogger<ProcessRunExecutor>>()),
            ExecutorKind.Torch => new TorchRunExecutor(sp.GetRequiredService<IOptions<WorkerOptions>>(), sp.GetRequiredService<ICheckpointWriter>()),
            ExecutorKind.Noop => new NoOpRunExecutor(),
            ExecutorKind.Paced => new PacedRunExecutor(options.PacedStepTime),
            _ => throw new ArgumentException($"Lab:Executor {options.Executor} is not 'process', 'torch', 'noop' or 'paced'"),
        });
        services.AddSingleton<DeviceWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceWorker>());
        services.AddHostedService<DevicePublisher>();
        return services;
    }
}
