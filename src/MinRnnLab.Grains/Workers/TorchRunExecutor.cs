using System.Diagnostics;
using System.Globalization;
using MinRnnLab.Abstractions;
using MinRnnLab.Grains.Hosting;
using MinRnnLab.Storage;
using MinRnnLab.Training;
using MinRnnLab.Training.Config;
using MinRnnLab.Training.Data;
using MinRnnLab.Training.Trainer;
using Microsoft.Extensions.Options;

namespace MinRnnLab.Grains.Workers;

/// <summary>
/// Trains a run with MinRnnLab.Training's trainer, resuming from the run's checkpoint if one exists, and tells the
/// run's log what happens: start or resume, evaluations, checkpoints, and how the attempt ended.
/// </summary>
public sealed class TorchRunExecutor(IOptions<LabOptions> options) : IRunExecutor
{
    private readonly Lazy<CharDataset> dataset = new(() => LoadDataset(options.Value));

    public RunOutcome? Execute(RunContext context, CancellationToken cancel)
    {
        var watch = Stopwatch.StartNew();
        var log = context.Log;
        var config = ConfigJson.Deserialize(context.Spec.ConfigJson);
        // The slot decides the device; threads are a process-wide libtorch setting made once by the worker.
        config = config with { Train = config.Train with { Device = context.Device, Threads = 0 } };
        try
        {
            var observer = new ReportingObserver(context.Reporter, log, config.Train.MaxIters);
            using var trainer = new Trainer(config, dataset.Value, observer, context.CheckpointFolder);
            var on = $"attempt {context.Attempt} on worker {context.Worker} ({context.Device})";
            if (trainer.TryResume(reevaluate: true))
            {
                log.Write($"resumed from step {trainer.Step}, {on}");
                context.Reporter.Resumed(trainer.Step);
                ReportUndelivered(trainer, context);
            }
            else
                log.Write($"started at step 0, {on}");
            var result = trainer.Run(cancel);
            log.Write(string.Create(CultureInfo.InvariantCulture,
                $"succeeded at step {result.Steps}: final val loss {result.FinalValLoss:F4}, best {result.BestValLoss:F4} at step {result.BestStep}"));
            return new RunOutcome(RunState.Succeeded, result.Steps, result.FinalValLoss, null, watch.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException)
        {
            log.Write($"attempt {context.Attempt} stopped (lease lost, run stopped, or silo shutting down)");
            return null;
        }
        catch (DivergedException e)
        {
            log.Write($"diverged: {e.Message}");
            return new RunOutcome(RunState.Diverged, e.Step, null, e.Message, watch.Elapsed.TotalSeconds);
        }
        catch (Exception e) when (e is ConfigException or InvalidOperationException or ArgumentException or IOException or CorpusException)
        {
            log.Write($"failed: {e.GetType().Name}: {e.Message}");
            return new RunOutcome(RunState.Failed, 0, null, e.Message, watch.Elapsed.TotalSeconds);
        }
        catch (Exception e)
        {
            log.Write($"failed unexpectedly: {e}");                                     // the whole trace: nobody planned for this one
            throw;
        }
    }

    /// <summary>
    /// A worker that dies between saving a checkpoint and delivering its reports leaves evaluations that exist only
    /// in the checkpoint: training resumes after them, so without this they would be missing from the run for good.
    /// The checkpoint's own step is evaluated again by the trainer.
    /// </summary>
    private static void ReportUndelivered(Trainer trainer, RunContext context)
    {
        var undelivered = trainer.Evaluations.Where(e => e.Step > context.ReportedStep && e.Step < trainer.Step).ToList();
        if (undelivered.Count == 0)
            return;
        var maxIters = trainer.Config.Train.MaxIters;
        foreach (var e in undelivered)
            context.Reporter.Progress(e.Step, maxIters, [new(e.Step, MetricNames.TrainLoss, e.TrainLoss), new(e.Step, MetricNames.ValLoss, e.ValLoss)]);
        context.Log.Write($"reported {undelivered.Count} evaluation(s) the previous attempt saved in its checkpoint but never delivered " +
                          $"(steps {undelivered[0].Step}–{undelivered[^1].Step})");
    }

    private static CharDataset LoadDataset(LabOptions options)
    {
        var locator = CorpusLocator.Default(options.DataFolder);
        return CharDataset.Load(locator.LocateAsync(options.CorpusPath).GetAwaiter().GetResult());
    }

    /// <summary>Turns trainer callbacks into metric batches (one per evaluation) and lines of the run's log.</summary>
    private sealed class ReportingObserver(IRunReporter reporter, RunLog log, int maxIters) : ITrainingObserver
    {
        private StepReport? lastStep;

        public void OnStep(StepReport report) => lastStep = report;

        public void OnEvaluation(EvaluationReport r)
        {
            log.Write(LogLines.Evaluation(r));
            var points = new List<MetricPoint>
            {
                new(r.Step, MetricNames.TrainLoss, r.TrainLoss),
                new(r.Step, MetricNames.ValLoss, r.ValLoss),
            };
            if (lastStep is { } s)
            {
                points.Add(new(r.Step, MetricNames.LearningRate, s.LearningRate));
                points.Add(new(r.Step, MetricNames.MsPerIter, s.MsPerIter));
                points.Add(new(r.Step, MetricNames.TokensPerSecond, s.TokensPerSecond));
            }
            reporter.Progress(r.Step, maxIters, points);
        }

        public void OnCheckpoint(CheckpointReport report)
        {
            log.Write(LogLines.Checkpoint(report));
            reporter.Checkpoint(report.Step);
        }
    }
}
