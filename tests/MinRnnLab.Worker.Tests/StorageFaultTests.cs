using MinRnnLab.Config;
using MinRnnLab.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Hosting;
using MinRnnLab.Storage;
using MinRnnLab.Training.Checkpoints;

namespace MinRnnLab.Worker.Tests;

/// <summary>A full disk pauses a run, which says why, and resumes from its last good checkpoint when space returns.</summary>
public sealed class StorageFaultTests
{
    [Fact]
    public async Task ARunWaitsOutAFullDiskAndFinishesWithItsEvaluationsWhenSpaceReturns()
    {
        // Checkpoints at 10 and 20 are written; the disk is full from the third save (step 30) on.
        var disk = new FullDiskWriter(fillAfterSaves: 2);
        var options = Lab.NewOptions();
        await using var client = await LabClient.StartEmbeddedAsync(options,
            configure: silo => silo.Services.AddSingleton<ICheckpointWriter>(disk));
        try
        {
            var submitted = await client.SubmitSweepAsync("""
                name: full-disk
                metric: {name: val_loss}
                method: grid
                base: {preset: tiny, arch: mingru, max_iters: 60, eval_interval: 10, n_embd: 16}
                max_restarts: 0
                checkpoint_interval: 10
                """, "full-disk.yaml");
            Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
            var run = client.Run($"{submitted.Status!.SweepId}/0");

            var waiting = await Poll.Until(() => run.GetStatus().Found(), s => s.Reason?.StartsWith("waiting: disk full at", StringComparison.Ordinal) == true);
            Assert.Equal(RunState.Running, waiting.State);
            Assert.Equal(20, waiting.LastCheckpointStep);
            var refusedWhileWaiting = await Poll.Until(() => Task.FromResult(disk.Refused), refused => refused >= 2);   // the save, then probes
            disk.Free();

            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));   // a run that never resumes fails the test
            var final = await client.WaitForSweepAsync(submitted.Status.SweepId, cancel: patience.Token);
            var status = await run.GetStatus().Found();
            Assert.Equal(SweepState.Completed, final.State);
            Assert.Equal(RunState.Succeeded, status.State);
            Assert.Null(status.Reason);
            Assert.Equal(1, status.Attempt);                                            // a wait is not a restart (max_restarts 0)
            var valSteps = (await run.GetMetrics(MetricNames.ValLoss).Found()).Select(m => m.Step).ToArray();
            Assert.Equal([0, 10, 20, 30, 40, 50, 60], valSteps);
            var log = File.ReadAllText(new LabPaths(options.DataFolder).RunLogFile(run.GetPrimaryKeyString()));
            Assert.Contains("waiting: disk full at", log);
            Assert.Contains("storage writable again", log);
            Assert.Contains("resumed from step 20", log);
            Assert.True(refusedWhileWaiting >= 2);
        }
        finally
        {
            disk.Free();
        }
    }
}
