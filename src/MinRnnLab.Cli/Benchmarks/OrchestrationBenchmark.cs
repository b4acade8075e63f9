using System.Diagnostics;
using System.Globalization;
using MinRnnLab.Config;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Hosting;
using MinRnnLab.Grains.Live;
using MinRnnLab.Storage;
using MinRnnLab.Worker;

namespace MinRnnLab.Cli.Benchmarks;

/// <summary>
/// Platform overhead measured with a no-op trainer: how fast trials go through queue, leases and grains,
/// (embedded SQLite only; -1 on postgres) the payload bytes written to grain state and trial rows per trial, and what
/// the silo's live feed did with the progress events: posted, merged into one still waiting, dropped.
/// </summary>
/// <remarks>
/// The timed sweep follows an untimed warm-up sweep of <c>WarmupTrials</c> in the same silo, so its figures are the
/// steady state a long sweep sees: the runtime's compiling of hot code and the first activations of the queue shards,
/// the registry and the stores are paid once per silo, not per trial. <c>WarmupMsPerTrial</c> is that first sweep's
/// figure, start-up costs and all.
/// </remarks>
public sealed record OrchestrationResult(
    string Storage, int Trials, int Slots, int Parallel, string EarlyTerminate, double WallSeconds, double MsPerTrial,
    long MetricPoints, double PointsPerSecond, long StateBytes, long StateWrites, double StateBytesPerTrial,
    long LiveEventsPosted, long LiveEventsMerged, long LiveEventsDropped, int WarmupTrials, double WarmupMsPerTrial);

public static class OrchestrationBenchmark
{
    /// <summary>
    /// Runs <paramref name="trials"/> no-op trials (each reporting evals_per_trial evaluations of 2 metrics), under
    /// <paramref name="earlyTerminate"/> ("median" or "asha": every evaluation is judged; the no-op curves are all
    /// alike, so none is pruned and every trial still runs to the end) or none ("").
    /// </summary>
    public static async Task<OrchestrationResult> RunAsync(LabOptions options, int trials, int parallel, int warmupTrials, int evalsPerTrial = 10,
        string earlyTerminate = "", CancellationToken cancel = default)
    {
        var rule = earlyTerminate switch
        {
            "" => "",
            "median" => "early_terminate: {type: median, min_evals: 1, min_runs: 5}",
            "asha" => "early_terminate: {type: asha, min_evals: 1, eta: 3}",
            _ => throw new ArgumentException($"early_terminate '{earlyTerminate}' is not 'median' or 'asha'", nameof(earlyTerminate)),
        };
        options.Executor = ExecutorKind.Noop;
        await using var client = await LabClient.StartEmbeddedAsync(options);         // SQLite, or one silo of the PostgreSQL cluster
        var warmup = warmupTrials > 0 ? await RunSweepAsync(client, warmupTrials, parallel, evalsPerTrial, rule, cancel) : TimeSpan.Zero;
        var writes = client.SiloService<WriteMeter>();
        var (bytesBefore, writesBefore) = writes is null ? (0L, 0L) : (writes.Bytes, writes.Writes);
        var liveBefore = client.SiloService<LiveFeed>()!.Counts;
        var wall = await RunSweepAsync(client, trials, parallel, evalsPerTrial, rule, cancel);
        var points = (long)trials * evalsPerTrial * 2;
        var (bytes, count) = writes is null ? (-1L, -1L) : (writes.Bytes - bytesBefore, writes.Writes - writesBefore);
        var live = client.SiloService<LiveFeed>()!.Counts;
        return new OrchestrationResult(options.Storage.ToConfigName(), trials, options.Slots.Count, parallel, earlyTerminate is "" ? "none" : earlyTerminate,
            wall.TotalSeconds, wall.TotalMilliseconds / trials, points, points / wall.TotalSeconds,
            bytes, count, bytes < 0 ? -1 : (double)bytes / trials, live.Posted - liveBefore.Posted, live.Merged - liveBefore.Merged,
            live.Dropped - liveBefore.Dropped, warmupTrials, warmupTrials > 0 ? warmup.TotalMilliseconds / warmupTrials : double.NaN);
    }

    /// <summary>Submits a sweep of <paramref name="trials"/> no-op trials and returns how long they took to finish.</summary>
    private static async Task<TimeSpan> RunSweepAsync(LabClient client, int trials, int parallel, int evalsPerTrial, string rule, CancellationToken cancel)
    {
        var yaml = string.Format(CultureInfo.InvariantCulture, """
            name: orchestration-bench
            metric: {{name: val_loss}}
            method: grid
            base: {{preset: tiny, max_iters: {0}, eval_interval: 1}}
            seeds: {1}
            parallel: {2}
            {3}
            """, evalsPerTrial - 1, trials, parallel, rule);
        var watch = Stopwatch.StartNew();
        var submitted = await client.SubmitSweepAsync(yaml, "orchestration-bench.yaml");
        if (!submitted.Accepted)
            throw new InvalidOperationException(string.Join("\n", submitted.Errors));
        var final = await client.WaitForSweepAsync(submitted.Status!.SweepId, TimeSpan.FromMilliseconds(50), cancel);
        watch.Stop();
        if (final.RunsByState.GetValueOrDefault(RunState.Succeeded) != trials)
            throw new InvalidOperationException($"only {final.Finished} of {trials} trials finished");
        return watch.Elapsed;
    }
}
