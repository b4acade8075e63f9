using System.Diagnostics;
using MinRnnLab.Abstractions;
using MinRnnLab.Grains.Hosting;
using MinRnnLab.Training;
using MinRnnLab.Training.Config;
using MinRnnLab.Training.Data;
using MinRnnLab.Training.Trainer;
using Microsoft.Extensions.Options;

namespace MinRnnLab.Grains.Workers;

/// <summary>Trains a run with MinRnnLab.Training's trainer, resuming from the run's checkpoint if one exists.</summary>
public sealed class TorchRunExecutor(IOptions<LabOptions> options) : IRunExecutor
{
    private readonly Lazy<CharDataset> dataset = new(() => LoadDataset(options.Value));

    public RunOutcome? Execute(RunContext context, CancellationToken cancel)
    {
        var watch = Stopwatch.StartNew();
        var config = ConfigJson.Deserialize(context.Spec.ConfigJson);
        // The slot decides the device; threads are a process-wide libtorch setting made once by the worker.
        config = config with { Train = config.Train with { Device = context.Device, Threads = 0 } };
        try
        {
            using var trainer = new Trainer(config, dataset.Value, new ReportingObserver(context.Reporter, config.Train.MaxIters), context.CheckpointFolder);
            trainer.TryResume(reevaluate: true);
            var result = trainer.Run(cancel);
            return new RunOutcome(RunState.Succeeded, result.Steps, result.FinalValLoss, null, watch.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (DivergedException e)
        {
            return new RunOutcome(RunState.Diverged, e.Step, null, e.Message, watch.Elapsed.TotalSeconds);
        }
        catch (Exception e) when (e is ConfigException or InvalidOperationException or ArgumentException or IOException or CorpusException)
        {
            return new RunOutcome(RunState.Failed, 0, null, e.Message, watch.Elapsed.TotalSeconds);
        }
    }

    private static CharDataset LoadDataset(LabOptions options)
    {
        var locator = CorpusLocator.Default(options.DataFolder);
        return CharDataset.Load(locator.LocateAsync(options.CorpusPath).GetAwaiter().GetResult());
    }

    /// <summary>Turns trainer callbacks into metric batches: one batch per evaluation.</summary>
    private sealed class ReportingObserver(IRunReporter reporter, int maxIters) : ITrainingObserver
    {
        private StepReport? lastStep;

        public void OnStep(StepReport report) => lastStep = report;

        public void OnEvaluation(EvaluationReport r)
        {
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

        public void OnCheckpoint(CheckpointReport report) => reporter.Checkpoint(report.Step);
    }
}
