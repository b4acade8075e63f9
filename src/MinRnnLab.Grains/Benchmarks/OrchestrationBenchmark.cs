using System.Diagnostics;
using System.Globalization;
using MinRnnLab.Abstractions;
using MinRnnLab.Grains.Client;
using MinRnnLab.Grains.Hosting;

namespace MinRnnLab.Grains.Benchmarks;

/// <summary>Platform overhead measured with a no-op trainer: how fast trials go through queue, leases and grains.</summary>
public sealed record OrchestrationResult(
    string Storage, int Trials, int Slots, int Parallel, double WallSeconds, double MsPerTrial, long MetricPoints, double PointsPerSecond);

public static class OrchestrationBenchmark
{
    /// <summary>Runs <paramref name="trials"/> no-op trials (each reporting evals_per_trial evaluations of 2 metrics).</summary>
    public static async Task<OrchestrationResult> RunAsync(LabOptions options, int trials, int parallel, int evalsPerTrial = 10)
    {
        options.Executor = "noop";
        await using var client = options.Storage == "postgres"
            ? await LabClient.StartClusterSiloAsync(options)
            : await LabClient.StartEmbeddedAsync(options);
        var yaml = string.Format(CultureInfo.InvariantCulture, """
            name: orchestration-bench
            metric: {{name: val_loss}}
            method: grid
            base: {{preset: tiny, max_iters: {0}, eval_interval: 1}}
            seeds: {1}
            parallel: {2}
            """, evalsPerTrial - 1, trials, parallel);
        var watch = Stopwatch.StartNew();
        var submitted = await client.SubmitSweepAsync(yaml, "orchestration-bench.yaml");
        if (!submitted.Accepted)
            throw new InvalidOperationException(string.Join("\n", submitted.Errors));
        var final = await client.WaitForSweepAsync(submitted.Status!.SweepId, TimeSpan.FromMilliseconds(50));
        watch.Stop();
        if (final.RunsByState.GetValueOrDefault(RunState.Succeeded) != trials)
            throw new InvalidOperationException($"only {final.Finished} of {trials} trials finished");
        var points = (long)trials * evalsPerTrial * 2;
        return new OrchestrationResult(options.Storage, trials, options.SlotDevices.Count, parallel, watch.Elapsed.TotalSeconds,
            watch.Elapsed.TotalMilliseconds / trials, points, points / watch.Elapsed.TotalSeconds);
    }
}
