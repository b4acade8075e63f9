using System.Diagnostics;
using System.Globalization;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Hosting;
using MinRnnLab.Training.Benchmarks;

namespace MinRnnLab.Cli.Benchmarks.Cluster;

/// <summary>Where a running cluster benchmark is: trials finished of all, silos killed so far, the load average.</summary>
public sealed record ClusterProgress(int Finished, int Trials, int Kills, double Load);

/// <summary>
/// The orchestration at cluster scale: K silo processes on PostgreSQL (a private server unless one is given), each
/// with D slots of the paced executor, run sweeps totalling N trials submitted through the real client. With churn a
/// random silo running a trial is killed with SIGKILL every M seconds (once every silo has joined) and started again
/// at once at its address; afterwards the store is audited for trials and evaluations lost or duplicated (<see cref="TrialAudit"/>).
/// </summary>
public static class ClusterBenchmark
{
    public static async Task<ClusterBenchResult> RunAsync(ClusterBenchSettings settings, Action<ClusterProgress>? progress = null,
        CancellationToken cancel = default)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"minrnn-bench-cluster-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        using var privateServer = settings.Postgres is null ? PrivatePostgres.Start() : null;
        var server = settings.Postgres ?? privateServer!.ConnectionString;
        var database = $"minrnn_bench_{Guid.NewGuid():N}";
        var connection = await PostgresFootprint.CreateDatabaseAsync(server, database, cancel);
        try
        {
            using var fleet = new SiloFleet(new SiloSetup(settings.SiloAssembly, connection, settings.Slots, settings.StepTime, settings.LeaseDuration, folder));
            fleet.StartAll(settings.Silos);
            await using var client = await ConnectAsync(connection, fleet, cancel);
            await WaitForSlotsAsync(client, settings.Silos * settings.Slots, fleet, cancel);
            return await MeasureAsync(settings, client, fleet, connection, privateServer, progress, cancel);
        }
        finally
        {
            await PostgresFootprint.DropDatabaseAsync(server, database);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<ClusterBenchResult> MeasureAsync(ClusterBenchSettings settings, LabClient client, SiloFleet fleet, string connection,
        PrivatePostgres? postgres, Action<ClusterProgress>? progress, CancellationToken cancel)
    {
        var before = await PostgresFootprint.ReadAsync(connection, cancel);
        var cpu = CpuReading.Take(fleet, postgres);
        var (loadStart, loadMax) = (ProcessUsage.LoadAverage(), ProcessUsage.LoadAverage());
        var clock = Stopwatch.StartNew();
        await using var watch = new SweepStreamWatch();
        var sweeps = new List<string>();
        foreach (var (trials, parallel) in SweepSizes(settings))
        {
            var sweepId = await SubmitAsync(client, SweepYaml(settings, trials, parallel, sweeps.Count), $"cluster-bench-{sweeps.Count}", cancel);
            sweeps.Add(sweepId);
            watch.Watch(client, sweepId);
        }

        var companion = settings.WhileRunning?.Invoke(new ClusterUnderLoad(connection,
            [.. fleet.Members.Select(m => $"127.0.0.1:{m.GatewayPort}")], sweeps, client), cancel) ?? Task.CompletedTask;
        var kills = new List<SiloKill>();
        var random = new Random(settings.Seed);
        var nextKill = settings.ChurnEvery;
        var (finished, lastChange, lastFinished) = (0, clock.Elapsed, -1);
        // Done when every trial is over; given up when nothing finishes for three leases and a minute (a trial lost).
        var stall = settings.LeaseDuration * 3 + TimeSpan.FromMinutes(1);
        while (finished < settings.Trials && clock.Elapsed - lastChange < stall)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancel);
            finished = await FinishedAsync(client, sweeps) ?? finished;
            if (finished != lastFinished)
                (lastFinished, lastChange) = (finished, clock.Elapsed);
            foreach (var member in fleet.Members)
                member.SampleMemory();
            loadMax = Math.Max(loadMax, ProcessUsage.LoadAverage());
            if (settings.ChurnEvery > TimeSpan.Zero && clock.Elapsed >= nextKill && finished < settings.Trials
                && (settings.MaxKills == 0 || kills.Count < settings.MaxKills) && await AllJoinedAsync(client, fleet)
                && await TrainingSilosAsync(client, fleet) is { Count: > 0 } training)
            {
                var victim = training[random.Next(training.Count)];
                kills.Add(new SiloKill(fleet.Kill(victim), DateTimeOffset.UtcNow));
                fleet.Start(victim);
                nextKill = clock.Elapsed + settings.ChurnEvery;
            }
            progress?.Invoke(new ClusterProgress(finished, settings.Trials, kills.Count, ProcessUsage.LoadAverage()));
        }
        clock.Stop();
        var used = CpuReading.Take(fleet, postgres) - cpu;
        var loadEnd = ProcessUsage.LoadAverage();
        await companion;

        var after = await PostgresFootprint.ReadAsync(connection, cancel);
        var statuses = new List<SweepStatus>();
        foreach (var id in sweeps)
            statuses.Add(await GrainCalls.Retried(() => client.GetSweepAsync(id), cancel));
        var audit = await TrialAudit.TakeAsync(client, connection, statuses, settings.EvalsPerTrial, kills, cancel);
        return Result(settings, fleet, clock.Elapsed.TotalSeconds, watch, before, after, used, (loadStart, loadMax, loadEnd), kills.Count, audit);
    }

    private static ClusterBenchResult Result(ClusterBenchSettings s, SiloFleet fleet, double wall, SweepStreamWatch watch, PostgresFootprint before,
        PostgresFootprint after, CpuReading used, (double Start, double Max, double End) load, int kills, TrialAudit audit)
    {
        var n = (double)s.Trials;
        var ideal = n * s.EvalsPerTrial * s.StepTime.TotalSeconds / (s.Silos * s.Slots);
        var queued = watch.QueuedToRunningSeconds().Select(x => x * 1000).ToArray();
        var lags = watch.LagsMs.ToArray();
        var evaluations = (after.Tables.GetValueOrDefault("run_metrics").Rows - before.Tables.GetValueOrDefault("run_metrics").Rows) / 3;
        var perSiloPercent = used.Silos.Select(c => 100 * c / wall).ToArray();
        var peaks = fleet.Members.Select(m => m.PeakMb).ToArray();
        return new ClusterBenchResult(s.Silos, s.Slots, s.Trials, (int)s.StepTime.TotalMilliseconds, s.EvalsPerTrial, (int)s.ChurnEvery.TotalSeconds, kills,
            wall, ideal, ideal / wall, n / wall,
            Quantile(queued, 0.5), Quantile(queued, 0.99), queued.Length,
            evaluations, evaluations / wall, Quantile(lags, 0.5), Quantile(lags, 0.99), watch.EvaluationsSeen,
            (after.Rows - before.Rows) / n, (after.Bytes - before.Bytes) / n,
            1000 * used.Silos.Sum() / n, perSiloPercent.Average(), perSiloPercent.Max(), peaks.Average(), peaks.Max(),
            used.Postgres < 0 ? -1 : 1000 * used.Postgres / n, 1000 * used.Client / n, 1000 * used.Other / n, 100 * used.MachineBusyShare,
            load.Start, load.Max, load.End,
            audit.TrialsLost, audit.TrialsDuplicated, audit.EvaluationsLost, audit.EvaluationsDuplicated,
            audit.OrphanedRuns, audit.OrphansNeverResumed, audit.ResumeP50Seconds, audit.ResumeMaxSeconds, audit.Attempts, s.CheckpointEvery,
            audit.Checkpoints, audit.StepsRetrained)
        {
            Losses = audit.Losses,
        };
    }

    /// <summary>Sweeps of at most SweepTrials each; their parallel settings together fill every slot once.</summary>
    private static IEnumerable<(int Trials, int Parallel)> SweepSizes(ClusterBenchSettings s)
    {
        var count = (s.Trials + s.SweepTrials - 1) / s.SweepTrials;
        var parallel = Math.Clamp((s.Silos * s.Slots + count - 1) / count, 1, 1000);
        for (var i = 0; i < count; i++)
            yield return (Math.Min(s.SweepTrials, s.Trials - i * s.SweepTrials), parallel);
    }

    private static string SweepYaml(ClusterBenchSettings s, int trials, int parallel, int index) => string.Format(CultureInfo.InvariantCulture, """
        name: cluster-bench-{0}
        metric: {{name: val_loss}}
        method: grid
        base: {{preset: tiny, max_iters: {1}, eval_interval: 1}}
        seeds: {2}
        parallel: {3}
        checkpoint_interval: {4}
        """, index, s.EvalsPerTrial - 1, trials, parallel, s.CheckpointEvery);

    /// <summary>
    /// Submits a sweep; its id. On a machine loaded many times over its cores, creating a 1,000-trial sweep can outlast
    /// the client's 30 s response timeout while the silo goes on and creates it: the sweep is then found by its name,
    /// which is unique in the benchmark's own database.
    /// </summary>
    private static async Task<string> SubmitAsync(LabClient client, string yaml, string name, CancellationToken cancel)
    {
        try
        {
            var submitted = await client.SubmitSweepAsync(yaml, $"{name}.yaml");
            return submitted.Accepted ? submitted.Status!.SweepId : throw new InvalidOperationException(string.Join("\n", submitted.Errors));
        }
        catch (TimeoutException)
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (DateTime.UtcNow < deadline)
            {
                if ((await GrainCalls.Retried(client.ListSweepsAsync, cancel)).FirstOrDefault(s => s.Name == name) is { } found)
                    return found.SweepId;
                await Task.Delay(1000, cancel);
            }
            throw;
        }
    }

    /// <summary>
    /// Whether every silo has joined the cluster (its port among the active hosts'). Churn kills only then: one silo
    /// down at a time, as independent failures with a recovery shorter than the time between them. On this machine a
    /// silo takes 15 s and more to start under load, so a kill every 15 s regardless killed silos still starting, and
    /// often every silo at once: an outage of the whole cluster, which measures the load, not the platform.
    /// </summary>
    private static async Task<bool> AllJoinedAsync(LabClient client, SiloFleet fleet)
    {
        try
        {
            var active = (await client.Cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.Select(a => a.Endpoint.Port).ToHashSet();
            return fleet.Members.All(m => m.Process is not null && active.Contains(m.SiloPort));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;                                                               // a dead gateway: ask again next round
        }
    }

    /// <summary>
    /// The silos holding a lease now (a worker's id carries its process id). Churn kills one of them: a kill of an idle
    /// silo interrupts nothing, and under load a silo can join the cluster some seconds before it leases a trial. Read
    /// from the queue's leases, one call per shard: asking every running trial for its attempts (as before) meant hundreds
    /// of calls per check, and a 10,000-trial row at a load of 70 killed once, at 95 %, where this check killed five times.
    /// </summary>
    private static async Task<List<SiloFleet.Member>> TrainingSilosAsync(LabClient client, SiloFleet fleet)
    {
        try
        {
            var workers = (await client.Queue.GetSnapshot()).Leases.Select(l => l.Worker).ToList();
            return [.. fleet.Members.Where(m => m.Process is { } p && workers.Any(w => w.Contains($"-{p.Id}-", StringComparison.Ordinal)))];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return [];                                                                  // a dead gateway: ask again next round
        }
    }

    /// <summary>Trials over in all sweeps; null while no gateway answers (a killed silo's clients move to another).</summary>
    private static async Task<int?> FinishedAsync(LabClient client, IEnumerable<string> sweeps)
    {
        try
        {
            var total = 0;
            foreach (var id in sweeps)
                total += (await client.GetSweepAsync(id)).Finished;
            return total;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;                                                                // ConnectionFailedException is no OrleansException
        }
    }

    private static async Task<LabClient> ConnectAsync(string connection, SiloFleet fleet, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try
            {
                return await LabClient.ConnectClusterAsync(connection, cancel);
            }
            catch (Exception e) when (DateTime.UtcNow < deadline && e is not OperationCanceledException)
            {
                CheckAlive(fleet);
                await Task.Delay(1000, cancel);                                         // no gateway registered yet
            }
        }
    }

    /// <summary>Waits until the silos publish all their slots: trials are submitted to a cluster that is up.</summary>
    private static async Task WaitForSlotsAsync(LabClient client, int slots, SiloFleet fleet, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        // Asked again after a timeout: four silos starting at once on 2 cores left the management grain's answer
        // past the client's 30 s once, which ended a churn row before its first trial.
        while ((await GrainCalls.Retried(client.GetClusterViewAsync, cancel)).Silos.Sum(s => s.Devices.Length) < slots)
        {
            CheckAlive(fleet);
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the silos did not publish {slots} slots within 3 minutes");
            await Task.Delay(500, cancel);
        }
    }

    private static void CheckAlive(SiloFleet fleet)
    {
        if (fleet.Members.FirstOrDefault(m => m.Process is { HasExited: true }) is { } dead)
            throw new InvalidOperationException($"silo {dead.Index} exited ({dead.Process!.ExitCode}) while starting:\n"
                                                + string.Join('\n', File.ReadLines(dead.LogFile).TakeLast(20)));
    }

    private static double Quantile(double[] values, double q) => values.Length == 0 ? double.NaN : TrainBenchmark.Percentile(values, q);
}
