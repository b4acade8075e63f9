using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;
using MinRnnLab.Hosting;
using MinRnnLab.Storage;
using MinRnnLab.Tests.Shared;
using MinRnnLab.Training;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// A metrics store that refuses writes (a full disk) pauses the run, which says why and keeps its evaluations,
/// and goes on when space returns: no restart, nothing dropped.
/// </summary>
public sealed partial class MetricsStoreFaultTests
{
    [Fact]
    public async Task ARunWaitsOutAFullMetricsStoreAndFinishesWithEveryEvaluationStored()
    {
        // Evaluations at steps 0, 10 and 20 are stored; the store is full from step 30's batch on.
        var options = Lab.NewOptions();
        var paths = new LabPaths(options.DataFolder);
        var store = new FullMetricsStore(new SqliteMetricsStore(new SqliteDatabase(paths.MetricsDatabase)), fillAfterAppends: 3);
        var client = await LabClient.StartEmbeddedAsync(options,
            configure: silo => silo.Services.AddSingleton<IMetricsStore>(store));
        try
        {
            var submitted = await client.SubmitSweepAsync("""
                name: full-metrics
                metric: {name: val_loss}
                method: grid
                base: {preset: tiny, arch: mingru, max_iters: 100, eval_interval: 10, n_embd: 16}
                max_restarts: 0
                checkpoint_interval: 1000
                """, "full-metrics.yaml");
            Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
            var run = client.Run($"{submitted.Status!.SweepId}/0");
            var logFile = paths.RunLogFile(run.GetPrimaryKeyString());

            var waiting = await Poll.Until(() => run.GetStatus().Found(), s => s.Reason?.StartsWith("waiting: disk full at ", StringComparison.Ordinal) == true);
            Assert.StartsWith($"waiting: disk full at {paths.MetricsDatabase} since ", waiting.Reason);
            Assert.Equal(RunState.Running, waiting.State);
            Assert.Equal(20, waiting.LastStep);                                         // the refused batch recorded nothing
            // Offered again after 1, 2 and 4 s: by then training has long stopped at its next evaluation.
            await Poll.Until(() => Task.FromResult(store.Refused), refused => refused >= 4);
            var evaluatedWhileFull = EvaluatedSteps(logFile);
            Assert.True(evaluatedWhileFull[^1] <= 50, $"training went on to step {evaluatedWhileFull[^1]} while no evaluation could be stored");
            var storedWhileFull = await StoredSteps(paths, run.GetPrimaryKeyString(), MetricNames.ValLoss);
            Assert.Equal([0, 10, 20], storedWhileFull);
            Assert.StartsWith("waiting: disk full at", (await run.GetStatus().Found()).Reason);
            store.Free();

            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));   // a run that never goes on fails the test
            var final = await client.WaitForSweepAsync(submitted.Status.SweepId, cancel: patience.Token);
            var status = await run.GetStatus().Found();
            Assert.Equal(SweepState.Completed, final.State);
            Assert.Equal(RunState.Succeeded, status.State);
            Assert.Null(status.Reason);
            Assert.Equal(1, status.Attempt);                                            // a wait is not a restart (max_restarts 0)
            var everyEvaluation = Enumerable.Range(0, 11).Select(i => i * 10).ToArray();
            Assert.Equal(everyEvaluation, await StoredSteps(paths, run.GetPrimaryKeyString(), MetricNames.ValLoss));
            Assert.Equal(everyEvaluation, await StoredSteps(paths, run.GetPrimaryKeyString(), MetricNames.TrainLoss));
            Assert.Equal(everyEvaluation, EvaluatedSteps(logFile).Distinct());
            var log = File.ReadAllText(logFile);
            Assert.Single(Regex.Matches(log, "waiting: disk full at "));                 // once per episode, not per offer
            Assert.Contains("metrics store writable again", log);
        }
        finally
        {
            store.Free();
            await client.DisposeAsync();
            try { Directory.Delete(options.DataFolder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The steps of one metric as the store holds them, read through a store of its own on the same file.</summary>
    private static async Task<int[]> StoredSteps(LabPaths paths, string runId, string name) =>
        [.. (await new SqliteMetricsStore(new SqliteDatabase(paths.MetricsDatabase)).ReadAsync(runId, name)).Select(m => m.Step)];

    /// <summary>The steps training evaluated, from the run's log (`step N: train loss …`).</summary>
    private static int[] EvaluatedSteps(string logFile) =>
        [.. EvaluationLine().Matches(File.ReadAllText(logFile)).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"step (\d+): train loss")]
    private static partial Regex EvaluationLine();
}
