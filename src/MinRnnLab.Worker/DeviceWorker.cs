using MinRnnLab.Training.Runs;
using System.Collections.Concurrent;
using MinRnnLab.Abstractions;
using MinRnnLab.Worker.Trials;
using MinRnnLab.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MinRnnLab.Worker;

/// <summary>
/// This silo's device slots. Each free slot leases a queued run, trains it through its executor (by default in a trial
/// process of its own) on a dedicated thread outside any grain turn, renews the lease by heartbeat, and reports the
/// outcome. Losing the lease stops the training; an attempt that fails without an outcome is retried at once.
/// </summary>
public sealed class DeviceWorker(
    IGrainFactory grains, IRunExecutor executor, LabPaths paths, IOptions<WorkerOptions> options, ILogger<DeviceWorker> logger)
    : BackgroundService
{
    // Unique per process, so a restarted silo never mistakes an old lease for its own.
    private readonly string instance = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    private readonly ConcurrentDictionary<string, string> running = new();

    public IReadOnlyList<DeviceSlot> Slots { get; } = options.Value.Slots;

    /// <summary>Each slot with the worker id its leases carry, so a lease can be traced to its device and silo.</summary>
    public IReadOnlyList<(DeviceSlot Slot, string Worker)> Workers =>
        Slots.Select((slot, i) => (slot, $"{instance}/{slot.Name}#{i}")).ToArray();

    /// <summary>The run a worker is training now, or null when it is idle.</summary>
    public string? RunningOn(string worker) => running.GetValueOrDefault(worker);

    protected override Task ExecuteAsync(CancellationToken stopping) =>
        Task.WhenAll(Workers.Select(w => RunSlot(w.Slot, w.Worker, stopping)));

    private async Task RunSlot(DeviceSlot slot, string worker, CancellationToken stopping)
    {
        var queue = grains.RunQueue();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var lease = await queue.TryLease(worker, slot.Kind);
                if (lease is null)
                    await Task.Delay(options.Value.PollInterval, stopping);
                else
                {
                    running[worker] = lease.RunId;
                    try
                    {
                        await Train(lease, slot, worker, stopping);
                    }
                    finally
                    {
                        running.TryRemove(worker, out _);
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "slot {Worker}: {Message}; retrying", worker, e.Message);
                await Task.Delay(options.Value.PollInterval, stopping).ContinueWith(_ => { });
            }
        }
    }

    private async Task Train(Lease lease, DeviceSlot slot, string worker, CancellationToken stopping)
    {
        var run = grains.GetGrain<IRunGrain>(lease.RunId);
        var queue = grains.RunQueue();
        if (await run.GetSpec() is not { } spec)
        {
            // Queued but never created (its creation failed half-way): hand the lease back at once rather than hold
            // it to expiry. Its sweep creates the run again, or fails the trial with the cause.
            logger.LogWarning("slot {Worker}: {Message}; lease handed back, its sweep creates it again", worker, NotFound.Run(lease.RunId));
            await queue.Release(lease.RunId, worker);
            return;
        }
        int attempt;
        try
        {
            attempt = await run.Start(worker);
        }
        catch (InvalidOperationException)
        {
            await queue.Release(lease.RunId, worker);                                   // cancelled while queued
            return;
        }
        logger.LogInformation("slot {Worker}: training {Run} (attempt {Attempt})", worker, lease.RunId, attempt);
        var log = new RunLog(paths.RunLogFile(spec.RunId));
        // Cancelled when the lease is lost or the run stopped: training stops as is. The other way to stop is to
        // hand the run back (handingBack: the silo shuts down, or the run's sweep was paused): the training checkpoints
        // first, and the run goes back to its queue or waits paused.
        using var training = new CancellationTokenSource();
        using var handingBack = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var beating = new CancellationTokenSource();
        var heartbeat = Heartbeat(lease.RunId, worker, log, training, handingBack, beating.Token);
        try
        {
            RunOutcome? outcome = null;
            string? failure = null;
            bool handBack;
            await using (var reporter = new RunReporter(run, attempt, training, handingBack.Token))
            {
                var before = await run.GetStatus();
                var context = new RunContext(spec, attempt, worker, slot.Device, paths.CheckpointFolder(spec.RunId), log, reporter, ReportedStep(before),
                    handingBack.Token, before?.TrainingSeconds ?? 0, before?.LastCheckpointStep ?? -1);
                try
                {
                    outcome = await Task.Factory.StartNew(() => executor.Execute(context, training.Token),
                        CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "slot {Worker}: {Run} threw", worker, lease.RunId);       // the trace here; the run keeps one line
                    failure = Failure(e);
                }
                // Stopped to be handed back, not by a lost lease: the run is checkpointed and goes back.
                handBack = outcome is null && failure is null && handingBack.IsCancellationRequested && !training.IsCancellationRequested;
                if (outcome is null)
                    await training.CancelAsync();                                       // the attempt is over, however it stopped
            }
            if (outcome is not null)
                await Deliver(run, attempt, outcome, worker, training.Token);
            else if (failure is not null)
            {
                // The trial died, not the silo: its attempt failed, and the run is retried at once, counted against max_restarts.
                log.Write($"attempt {attempt}: {failure}");
                logger.LogWarning("slot {Worker}: attempt {Attempt} at {Run} failed: {Failure}", worker, attempt, lease.RunId, failure);
                await queue.Retry(lease.RunId, worker, failure);
            }
            else if (handBack)
            {
                var why = stopping.IsCancellationRequested ? "its silo shut down" : "asked back (its sweep was paused)";
                await queue.HandBack(lease.RunId, worker, $"{why}; resumes from its checkpoint");
                logger.LogInformation("slot {Worker}: handed {Run} back, checkpointed ({Why})", worker, lease.RunId, why);
            }
            else
                logger.LogInformation("slot {Worker}: stopped {Run} (lease lost or run stopped)", worker, lease.RunId);
        }
        finally
        {
            // Also when the executor throws: the heartbeat must end before its token sources are disposed.
            await beating.CancelAsync();
            await heartbeat;
            await RemoveFilesOfDeletedRun(run, spec.RunId, worker);
        }
    }

    /// <summary>
    /// A run deleted while this attempt trained: its sweep removed the run's folder, but this attempt's last log lines
    /// (the stop, the lost lease) may have come after and made it again. The last writer removes what it wrote.
    /// </summary>
    private async Task RemoveFilesOfDeletedRun(IRunGrain run, string runId, string worker)
    {
        try
        {
            if (await run.GetStatus() is null or { Deleting: true })
                await Task.Run(() => RunFolderDeletion.Delete(paths, runId));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OrleansException or TimeoutException)
        {
            logger.LogWarning("slot {Worker}: {Run} was deleted, but its folder could not be removed: {Message}", worker, runId, e.Message);
        }
    }

    /// <summary>What the run's state and log say about an attempt that threw: the cause a trial process names, or the error.</summary>
    private static string Failure(Exception e) =>
        e is TrialFailedException ? e.Message : $"failed unexpectedly: {FailureText.OneLine(e)}";

    /// <summary>
    /// Records how the attempt ended, retrying with back-off while the run's storage refuses it (a full disk) and
    /// the lease is still held, so a finished run never stays "running" because one write failed.
    /// </summary>
    private async Task Deliver(IRunGrain run, int attempt, RunOutcome outcome, string worker, CancellationToken leaseLost)
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                await run.Complete(attempt, outcome);
                return;
            }
            catch (Exception e) when (!leaseLost.IsCancellationRequested)
            {
                var wait = backoff.Next();
                logger.LogWarning("slot {Worker}: could not record that {Run} ended {State}: {Message}; retrying in {Seconds} s",
                    worker, run.GetPrimaryKeyString(), outcome.State, e.Message, wait.TotalSeconds);
                try
                {
                    await Task.Delay(wait, leaseLost);
                }
                catch (OperationCanceledException)
                {
                    return;                                                             // the next attempt will record it
                }
            }
        }
    }

    /// <summary>
    /// The last step whose metrics the run has stored, or -1 when it has stored none: a LastStep of 0 alone cannot
    /// tell "step 0's evaluation arrived" from "nothing arrived", and in the second case a checkpoint's step-0
    /// evaluation must still be delivered. Reports arrive in order, so anything past step 0 means step 0 arrived.
    /// </summary>
    private static int ReportedStep(RunStatus? status) =>
        status is null || (status.LastStep == 0 && status.BestMetric is null) ? -1 : status.LastStep;

    private async Task Heartbeat(string runId, string worker, RunLog log, CancellationTokenSource training, CancellationTokenSource handingBack,
        CancellationToken beating)
    {
        var queue = grains.RunQueue();
        while (!beating.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.HeartbeatInterval, beating);
                switch (await queue.Renew(runId, worker))
                {
                    case LeaseRenewal.Lost:
                        logger.LogWarning("slot {Worker}: lease on {Run} lost; stopping its training", worker, runId);
                        log.Write($"lease of {worker} lost (expired, revoked, or the run was stopped); stopping this attempt");
                        await training.CancelAsync();
                        return;
                    case LeaseRenewal.HandBack when !handingBack.IsCancellationRequested:
                        // Beats on: the lease must outlive the checkpoint.
                        log.Write("asked back (its sweep was paused): checkpointing, then handing it back");
                        await handingBack.CancelAsync();
                        break;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                // The queue is unreachable: keep training; the lease survives until it expires.
                logger.LogWarning("slot {Worker}: heartbeat for {Run} failed: {Message}", worker, runId, e.Message);
            }
        }
    }
}
