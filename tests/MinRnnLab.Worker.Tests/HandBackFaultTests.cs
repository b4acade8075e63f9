using Microsoft.Extensions.DependencyInjection;
using MinRnnLab.Grains;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Hosting;
using MinRnnLab.Hosting.Persistence;
using MinRnnLab.Storage;
using MinRnnLab.Tests.Shared;
using Orleans.Storage;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// A silo that shuts down hands its runs back to the queue; when the run cannot record that (its grain's silo is the
/// one going, its storage refuses), the run must still come back. The run asks for CUDA, which the test platform's CPU
/// slot never leases, so the test is the worker.
/// </summary>
public sealed class HandBackFaultTests
{
    private const string Worker = "test-machine-1-abc/cuda:0#0";

    [Fact]
    public async Task AHandBackTheRunCannotRecordKeepsTheLeaseAndTheRunIsQueuedAgainWhenItExpires()
    {
        var options = Lab.NewOptions();
        var storage = new FullStateStorage(new SqliteGrainStorage(new SqliteDatabase(new LabPaths(options.DataFolder).StateDatabase)));
        await using var client = await LabClient.StartEmbeddedAsync(options,
            configure: silo => silo.Services.AddKeyedSingleton<IGrainStorage>(LabStorage.Name, (_, _) => storage));
        var submitted = await client.SubmitSweepAsync("""
            name: hand-back
            metric: {name: val_loss}
            method: grid
            base: {preset: tiny, device: cuda, max_iters: 100}
            max_restarts: 1
            """, "hand-back.yaml");
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
        var runId = $"{submitted.Status!.SweepId}/0";
        var lease = await Poll.Until(() => client.Queue.TryLease(Worker, "cuda"), l => l is not null);
        Assert.Equal(runId, lease!.RunId);
        await client.Run(runId).Start(Worker);

        storage.Fill("run");
        await Assert.ThrowsAnyAsync<Exception>(() => client.Queue.HandBack(runId, Worker, "its silo shut down; resumes from its checkpoint"));

        Assert.Contains(runId, (await client.Queue.GetSnapshot()).Leases.Select(l => l.RunId));   // still leased, so it will expire
        storage.Free();
        await Poll.Until(() => client.Queue.GetSnapshot(), queue => queue.Queued.Contains(runId), seconds: 30);
        Assert.Equal(RunState.Preempted, (await client.Run(runId).GetStatus().Found()).State);
    }
}
