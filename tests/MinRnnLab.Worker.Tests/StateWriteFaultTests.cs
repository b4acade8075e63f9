using Microsoft.Extensions.DependencyInjection;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;
using MinRnnLab.Hosting;
using MinRnnLab.Grains;
using MinRnnLab.Hosting.Persistence;
using MinRnnLab.Storage;
using MinRnnLab.Tests.Shared;
using MinRnnLab.Training;
using Orleans.Storage;

namespace MinRnnLab.Worker.Tests;

/// <summary>No run stays "running" because a state write failed: when the writes go through again, the run finishes.</summary>
public sealed class StateWriteFaultTests
{
    [Fact]
    public async Task ARunWhoseStateCannotBeWrittenWhenItEndsStillFinishesOnceWritesGoThroughAgain()
    {
        var options = Lab.NewOptions();
        var paths = new LabPaths(options.DataFolder);
        var storage = new FullStateStorage(new SqliteGrainStorage(new SqliteDatabase(paths.StateDatabase)));
        var client = await LabClient.StartEmbeddedAsync(options,
            configure: silo => silo.Services.AddKeyedSingleton<IGrainStorage>(LabStorage.Name, (_, _) => storage));
        try
        {
            var submitted = await client.SubmitSweepAsync("""
                name: full-state
                metric: {name: val_loss}
                method: grid
                base: {preset: tiny, arch: mingru, max_iters: 300, eval_interval: 10, n_embd: 16}
                max_restarts: 1
                checkpoint_interval: 10
                """, "full-state.yaml");
            Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
            var run = client.Run($"{submitted.Status!.SweepId}/0");
            var logFile = paths.RunLogFile(run.GetPrimaryKeyString());
            // 280 steps after this: the run is still training when the writes start failing, although the grain hears
            // of its steps a batch late (at 60 steps, a run under load once ended before the outage began).
            await Poll.Until(() => run.GetStatus().Found(), s => s.LastCheckpointStep >= 20);

            // Every state write fails from here: the run's reports and its end, the sweep's rows. The lease's renewals
            // write nothing (RunQueueGrain.Renew), so the lease outlives the outage.
            storage.Fill();
            await Poll.Until(() => Task.FromResult(File.ReadAllText(logFile)), log => log.Contains("succeeded at step 300", StringComparison.Ordinal));
            // The end of the run was refused, and refused again: nothing but a retry can record it now.
            await Poll.Until(() => Task.FromResult(storage.Refused("run")), refused => refused >= 10);
            Assert.Equal(RunState.Running, (await run.GetStatus().Found()).State);
            storage.Free();

            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));   // a run stuck in Running fails the test
            var final = await client.WaitForSweepAsync(submitted.Status.SweepId, cancel: patience.Token);
            var status = await run.GetStatus().Found();
            var attempts = await run.GetAttempts().Found();
            Assert.Equal(SweepState.Completed, final.State);
            Assert.Equal(RunState.Succeeded, status.State);
            Assert.Equal(300, status.LastStep);
            Assert.All(attempts, a => Assert.NotNull(a.EndedAt));
            Assert.True(attempts.Length == 1, $"{attempts.Length} attempts: the lease was lost in an outage its renewals do not need storage for");
            var valSteps = (await run.GetMetrics(MetricNames.ValLoss).Found()).Select(m => m.Step).ToArray();
            Assert.Equal(Enumerable.Range(0, 31).Select(i => i * 10), valSteps);
        }
        finally
        {
            storage.Free();
            await client.DisposeAsync();
            try { Directory.Delete(options.DataFolder, recursive: true); } catch (IOException) { }
        }
    }
}
