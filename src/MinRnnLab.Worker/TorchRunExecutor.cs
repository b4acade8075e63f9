using MinRnnLab.Training.Runs;
using System.Diagnostics;
using System.Globalization;
using MinRnnLab.Abstractions;
using MinRnnLab.Storage;
using MinRnnLab.Training.Checkpoints;
using MinRnnLab.Config;
using MinRnnLab.Training.Data;
using MinRnnLab.Training.Trainer;
using Microsoft.Extensions.Options;

namespace MinRnnLab.Worker;

/// <summary>
/// Trains a run with MinRnnLab.Training's trainer, resuming from the run's checkpoint if one exists, and tells the
/// run's log what happens: start or resume, evaluations, checkpoints, and how the attempt ended. A storage fault
/// (full disk) pauses the attempt until a checkpoint can be written again, then it resumes from the last good one.
/// </summary>
public sealed class TorchRunExecutor : IRunExecutor
{
    // Storage is probed again after 1, 2, 4, … s, then every 30 s: soon after space returns, and cheap while it does not.
    private static readonly TimeSpan FirstProbe = TimeSpan.FromSeconds(1), LongestProbeInterval = TimeSpan.FromSeconds(30);

    private readonly ICheckpointWriter checkpoints;
    private readonly Lazy<CharDataset> dataset;

    public TorchRunExecutor(IOptions<WorkerOptions> options, ICheckpointWriter checkpoints)
    {
        this.checkpoints = checkpoints;
        dataset = new(() => LoadDataset(options.Value));
        // libtorch's intra-op threads are a setting of the whole process: made once, here, for every slot it trains on.
        if (options.Value.CpuThreads > 0)
            TorchSharp.torch.set_num_threads(options.Value.CpuThreads);
    }

    public RunOutcome? Execute(RunContext context, CancellationToken cancel)
    {
        var watch = Stopwatch.StartNew();
        var log = context.Log;
        var config = context.Spec.Config;
        // The slot decides the device; threads are a process-wide libtorch setting made once by the worker.
        config = config with { Train = config.Train with { Device = context.Device, Threads = 0 } };
        var reportedStep = context.ReportedStep;
        try
        {
            while (true)
            {
                try
                {
                    return Train(context, config, watch, ref reportedStep, cancel);
                }
                catch (Exception e) when (StorageFaults.Classify(e) is { } fault)
                {
                    if (!WaitForStorage(context, fault, e, cancel))
                    {
                        log.Write($"attempt {context.Attempt} stopped while waiting (silo shutting down); the last good checkpoint stays");
                        return null;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            log.Write(context.Shutdown.IsCancellationRequested && !cancel.IsCancellationRequested
                ? $"attempt {context.Attempt} checkpointed and stopped: silo shutting down"
                : $"attempt {context.Attempt} stopped (lease lost or run stopped)");
            return null;
        }
        catch (DivergedException e)
        {
            log.Write($"diverged: {e.Message}");
            return new RunOutcome(RunState.Diverged, e.Step, null, e.Message, watch.Elapsed.TotalSeconds);
        }
        catch (Exception e) when (e is ConfigException or InvalidOperationException or ArgumentException or IOException or CorpusException
                                      or InvalidDataException)
        {
            log.Write($"failed: {e.GetType().Name}: {e.Message}");
            return new RunOutcome(RunState.Failed, 0, null, e.Message, watch.Elapsed.TotalSeconds);
        }
        catch (Exception e)
        {
            log.Write($"failed unexpectedly: {FailureText.OneLine(e)}");                // one line: the trace goes to the logger (stderr)
            throw;
        }
    }

    /// <summary>One stretch of training, from the checkpoint if there is one, to the end or the first exception.</summary>
    private RunOutcome Train(RunContext context, RunConfig config, Stopwatch watch, ref int reportedStep, CancellationToken cancel)
    {
        var log = context.Log;
        var mark = new StepReachedMark(context.CheckpointFolder, context.Attempt);
        var observer = new ReportingObserver(context.Reporter, log, mark, config.Train.MaxIters, () => context.EarlierSeconds + watch.Elapsed.TotalSeconds);
        try
        {
            using var trainer = new TrainingLoop(config, dataset.Value, observer, context.CheckpointFolder, checkpoints);
            observer.Parameters = trainer.Model.ParameterCount();
            var on = $"attempt {context.Attempt} on worker {context.Worker} ({context.Device})";
            var reachedBefore = mark.Read();                                           // before this attempt's first mark replaces it
            var resumed = trainer.TryResume(reevaluate: true);
            mark.Write(trainer.Step);
            if (resumed)
            {
                log.Write($"resumed from step {trainer.Step}, {on}{Lost(reachedBefore, trainer.Step)}");
                context.Reporter.Resumed(trainer.Step, reachedBefore);
                ReportUndelivered(trainer, context, reportedStep);
            }
            else
                log.Write($"started at step 0, {on}");
            var result = trainer.Run(cancel, context.Shutdown);
            log.Write(string.Create(CultureInfo.InvariantCulture,
                $"succeeded at step {result.Steps}: final val loss {result.FinalValLoss:F4}, best {result.BestValLoss:F4} at step {result.BestStep}"));
            return new RunOutcome(RunState.Succeeded, result.Steps, result.FinalValLoss, null, watch.Elapsed.TotalSeconds);
        }
        finally
        {
            reportedStep = Math.Max(reportedStep, observer.ReportedStep);
        }
    }

    /// <summary>
    /// Waits, probing with back-off, until a checkpoint of the last one's size can be written again. Returns false
    /// when the silo is stopping first; throws OperationCanceledException when the run is stopped or its lease lost.
    /// The attempt and its lease stay: an episode of waiting is not a restart.
    /// </summary>
    private bool WaitForStorage(RunContext context, string fault, Exception e, CancellationToken cancel)
    {
        var since = DateTimeOffset.UtcNow;
        var reason = $"waiting: {fault} at {context.CheckpointFolder} since {since:HH:mm:ss}Z ({e.Message}); resumes from the last good checkpoint";
        context.Log.Write(reason);
        context.Reporter.Waiting(reason);
        // A save writes the new checkpoint beside the old one before swapping: it needs the old one's size free.
        var bytes = CheckpointBytes(context.CheckpointFolder);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancel, context.Shutdown);
        var backoff = new Backoff(FirstProbe, LongestProbeInterval);
        while (true)
        {
            if (stopping.Token.WaitHandle.WaitOne(backoff.Next()))
            {
                cancel.ThrowIfCancellationRequested();
                return false;
            }
            try
            {
                checkpoints.Probe(context.CheckpointFolder, bytes + bytes / 10);
                break;
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                // Still full (or still failing in another way): only a probe that succeeds ends the wait.
            }
        }
        context.Log.Write($"storage writable again after {(DateTimeOffset.UtcNow - since).TotalSeconds:F0} s; resuming from the last good checkpoint");
        context.Reporter.Waiting(null);
        return true;
    }

    /// <summary>The size of the run's last checkpoint, or 1 MiB when there is none or the storage cannot say.</summary>
    private static long CheckpointBytes(string folder)
    {
        try
        {
            return CheckpointStore.Describe(folder)?.Bytes ?? 1 << 20;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 1 << 20;
        }
    }

    /// <summary>What the log says a resume retrains: the steps an earlier attempt trained past the checkpoint before it was killed.</summary>
    private static string Lost(StepReached? reachedBefore, int resumedFrom) =>
        reachedBefore is { } r && r.Step > resumedFrom
            ? $"; attempt {r.Attempt} had trained to step {r.Step}, so {r.Step - resumedFrom} steps are trained again"
            : "";

    /// <summary>
    /// A worker that dies between saving a checkpoint and delivering its reports leaves evaluations that exist only
    /// in the checkpoint: training resumes after them, so without this they would be missing from the run for good.
    /// The checkpoint's own step is evaluated again by the trainer.
    /// </summary>
    private static void ReportUndelivered(TrainingLoop trainer, RunContext context, int reportedStep)
    {
        var undelivered = trainer.Evaluations.Where(e => e.Step > reportedStep && e.Step < trainer.Step).ToList();
        if (undelivered.Count == 0)
            return;
        var maxIters = trainer.Config.Train.MaxIters;
        foreach (var e in undelivered)
            context.Reporter.Progress(e.Step, maxIters, [new(e.Step, MetricNames.TrainLoss, e.TrainLoss), new(e.Step, MetricNames.ValLoss, e.ValLoss)]);
        context.Log.Write($"reported {undelivered.Count} evaluation(s) the previous attempt saved in its checkpoint but never delivered " +
                          $"(steps {undelivered[0].Step}–{undelivered[^1].Step})");
    }

    private static CharDataset LoadDataset(WorkerOptions options)
    {
        var locator = CorpusLocator.Default(options.DataFolder);
        return CharDataset.Load(locator.LocateAsync(options.CorpusPath).GetAwaiter().GetResult());
    }

    /// <summary>Turns trainer callbacks into metric batches (one per evaluation) and lines of the run's log.</summary>
    /// <param name="wallSeconds">Training seconds so far, earlier attempts included: stored with each evaluation.</param>
    private sealed class ReportingObserver(IRunReporter reporter, RunLog log, StepReachedMark mark, int maxIters, Func<double> wallSeconds)
        : ITrainingObserver
    {
        private StepReport? lastStep;

        /// <summary>The model's parameter count, once the model is built: sent with the attempt's first evaluation, for charts' tooltips.</summary>
        public long? Parameters { get; set; }

        /// <summary>The last step whose evaluation this observer handed to the reporter; -1 before the first.</summary>
        public int ReportedStep { get; private set; } = -1;

        public void OnStep(StepReport report)
        {
            lastStep = report;
            mark.Write(report.Step);
        }

        public void OnEvaluation(EvaluationReport r)
        {
            log.Write(LogLines.Evaluation(r));
            var points = new List<MetricPoint>
            {
                new(r.Step, MetricNames.TrainLoss, r.TrainLoss),
                new(r.Step, MetricNames.ValLoss, r.ValLoss),
                new(r.Step, MetricNames.WallSeconds, wallSeconds()),
            };
            if (Parameters is { } parameters)
            {
                points.Add(new(r.Step, MetricNames.Parameters, parameters));
                Parameters = null;                                                      // a constant: once per attempt is enough
            }
            if (lastStep is { } s)
            {
                points.Add(new(r.Step, MetricNames.LearningRate, s.LearningRate));
                points.Add(new(r.Step, MetricNames.MsPerIter, s.MsPerIter));
                points.Add(new(r.Step, MetricNames.TokensPerSecond, s.TokensPerSecond));
                if (s.GradNorm is { } norm)
                    points.Add(new(r.Step, MetricNames.GradNorm, norm));
            }
            reporter.Progress(r.Step, maxIters, points);
            ReportedStep = Math.Max(ReportedStep, r.Step);
        }

        public void OnCheckpoint(CheckpointReport report)
        {
            log.Write(LogLines.Checkpoint(report));
            reporter.Checkpoint(report.Step);
        }

        // Not reported as the run's checkpoint: that one is where the run resumes, and the best is never resumed from.
        public void OnBestCheckpoint(CheckpointReport report) => log.Write(LogLines.BestCheckpoint(report));
    }
}
