using System.Diagnostics;
using System.Threading.Channels;
using MinRnnLab.Abstractions;

namespace MinRnnLab.Worker;

/// <summary>
/// Sends a run's reports to its grain from a background loop, in order, retrying while the cluster or its
/// database is unavailable: training never waits on the network and no batch is dropped. When the grain
/// answers Stop (cancelled, pruned, or the attempt is stale), it cancels the training. When it answers Wait (its
/// metrics store is full), the batch is kept and sent again with back-off, and training pauses at its next
/// evaluation until one is stored: what waits is bounded by what training made during one round trip.
/// Evaluations that queue up while a report is on its way go as one report (see <see cref="ProgressBatch"/>).
/// </summary>
public sealed class RunReporter : IRunReporter, IAsyncDisposable
{
    private const int MaxAttempts = 100;
    private static readonly TimeSpan AcknowledgeTimeout = TimeSpan.FromSeconds(5);
    // The refused batch is offered again after 1, 2, 4, … s, then every 30 s, as a full disk is probed for checkpoints.
    private static readonly TimeSpan FirstOffer = TimeSpan.FromSeconds(1), LongestOfferInterval = TimeSpan.FromSeconds(30);
    // Each entry is a ProgressBatch (evaluations: consecutive ones merge) or a Func<Task<RunCommand>> (any other report).
    private readonly Channel<object> pending = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IRunGrain run;
    private readonly int attempt;
    private readonly CancellationTokenSource training;
    private readonly CancellationToken shutdown;
    // Fires when a refused batch is no longer worth keeping: the attempt stopped, or the silo is stopping (the
    // shutdown checkpoint holds the evaluations, and the next attempt delivers those it finds undelivered).
    private readonly CancellationTokenSource givingUp;
    // Set while the metrics store takes batches; reset from a Wait answer until a batch is stored again.
    private readonly ManualResetEventSlim storing = new(initialState: true);
    private readonly Task sender;
    // Started with the attempt: each report carries the attempt's training time so far, so a worker killed
    // mid-run has already told its run how long it trained.
    private readonly Stopwatch trainingTime = Stopwatch.StartNew();
    private (int Step, int MaxIters)? lastProgress;

    /// <param name="shutdown">The silo is stopping: training no longer pauses for the metrics store, it checkpoints and stops.</param>
    public RunReporter(IRunGrain run, int attempt, CancellationTokenSource training, CancellationToken shutdown = default)
    {
        (this.run, this.attempt, this.training, this.shutdown) = (run, attempt, training, shutdown);
        givingUp = CancellationTokenSource.CreateLinkedTokenSource(training.Token, shutdown);
        sender = Task.Run(SendAll);
    }

    public void Progress(int step, int maxIters, IReadOnlyList<MetricPoint> points)
    {
        lastProgress = (step, maxIters);
        pending.Writer.TryWrite(new ProgressBatch(step, maxIters, [.. points], trainingTime.Elapsed.TotalSeconds));
        PauseWhileTheStoreRefuses();
    }

    public void Checkpoint(int step) => Send(() => run.ReportCheckpoint(attempt, step));

    public void Resumed(int step, StepReached? reachedBefore) => Send(() => run.ReportResume(attempt, step, reachedBefore));

    public void Waiting(string? reason) => Send(() => run.ReportWaiting(attempt, reason));

    public void Usage(AttemptUsage usage) => Send(() => run.ReportUsage(attempt, usage));

    private void Send(Func<Task> report) => pending.Writer.TryWrite(new Func<Task<RunCommand>>(async () =>
    {
        await report();
        return RunCommand.Continue;
    }));

    /// <summary>
    /// Blocks the training thread while the metrics store refuses this run's batches. Throws when the attempt is
    /// stopped meanwhile; returns at once when the silo stops, so training can write its shutdown checkpoint.
    /// </summary>
    private void PauseWhileTheStoreRefuses()
    {
        if (storing.IsSet)
            return;
        WaitHandle.WaitAny([storing.WaitHandle, training.Token.WaitHandle, shutdown.WaitHandle]);
        training.Token.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Waits until every queued report has been delivered. A stopped attempt (cancelled, pruned, lease lost, silo
    /// shutting down) then acknowledges the stop with how long it trained: its evaluations go first, so the run
    /// keeps the last one, and the grain ignores the acknowledgement of an attempt that is no longer its own.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await sender;
        if (training.IsCancellationRequested && lastProgress is { } last)
            await AcknowledgeStop(last.Step, last.MaxIters);
        givingUp.Dispose();
        storing.Dispose();
    }

    /// <summary>Best effort and brief, without retries: a silo shutting down must not wait on an unreachable cluster.</summary>
    private async Task AcknowledgeStop(int step, int maxIters)
    {
        try
        {
            await run.ReportProgress(attempt, step, maxIters, [], trainingTime.Elapsed.TotalSeconds).WaitAsync(AcknowledgeTimeout);
        }
        catch (Exception)
        {
            // The time up to the last delivered evaluation is already recorded.
        }
    }

    private async Task SendAll()
    {
        await foreach (var report in pending.Reader.ReadAllAsync())
        {
            if (report is not ProgressBatch progress)
            {
                await Deliver((Func<Task<RunCommand>>)report);
                continue;
            }
            while (progress.Points.Count < ProgressBatch.MaxPoints && pending.Reader.TryPeek(out var next) && next is ProgressBatch later)
            {
                pending.Reader.TryRead(out _);
                progress = progress.Then(later);
            }
            await Deliver(() => run.ReportProgress(attempt, progress.Step, progress.MaxIters, [.. progress.Points], progress.TrainingSeconds));
        }
    }

    private async Task Deliver(Func<Task<RunCommand>> send)
    {
        var retry = new Backoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10));
        var offer = new Backoff(FirstOffer, LongestOfferInterval);
        for (var failures = 0; ;)
        {
            RunCommand answer;
            try
            {
                answer = await send();
            }
            catch (Exception) when (++failures < MaxAttempts)
            {
                // Cluster or database down: keep the batch and retry with backoff (about 15 minutes in all).
                await Task.Delay(retry.Next());
                continue;
            }
            catch (Exception)
            {
                return;                                                                 // give up on this report only
            }
            if (answer == RunCommand.Wait)
            {
                // The store is full, not down: no limit on offers, the run waits as long as the disk stays full.
                storing.Reset();
                if (!await Rest(offer.Next()))
                    return;
                continue;
            }
            storing.Set();
            if (answer == RunCommand.Stop)
                await training.CancelAsync();
            return;
        }
    }

    /// <summary>Waits <paramref name="time"/>; false when the attempt stopped first.</summary>
    private async Task<bool> Rest(TimeSpan time)
    {
        try
        {
            await Task.Delay(time, givingUp.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
