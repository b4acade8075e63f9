namespace MinRnnLab.Training.Trainer;

/// <summary>
/// Receives a run's progress. The CLI draws it, the metrics file records it, and the orchestration layer
/// forwards it to the run's grain. Calls arrive on the training thread: keep them quick.
/// </summary>
public interface ITrainingObserver
{
    /// <summary>Every log_interval steps, with the loss of the step just taken.</summary>
    void OnStep(StepReport report) { }

    /// <summary>Every eval_interval steps and at the end.</summary>
    void OnEvaluation(EvaluationReport report) { }

    /// <summary>After a checkpoint is safely on disk.</summary>
    void OnCheckpoint(CheckpointReport report) { }

    /// <summary>After the checkpoint of a new best evaluation is safely on disk (BestCheckpoint); training resumes from the latest one, never this.</summary>
    void OnBestCheckpoint(CheckpointReport report) { }
}

/// <param name="Step">Optimizer steps completed.</param>
/// <param name="MsPerIter">Mean wall time of the steps since the previous report, evaluation excluded.</param>
/// <param name="GradNorm">The gradient's total norm at this step, before clipping; null when grad_clip is 0 (it is not computed then).</param>
public sealed record StepReport(
    int Step, int MaxIters, double TrainLoss, double LearningRate, double MsPerIter, double TokensPerSecond, long RssBytes, double? GradNorm = null);

/// <param name="Step">Optimizer steps completed when the losses were measured.</param>
public sealed record EvaluationReport(int Step, double TrainLoss, double ValLoss, double BestValLoss, int BestStep);

public sealed record CheckpointReport(int Step, string Path);

/// <summary>Fans one report out to several observers.</summary>
public sealed class CompositeObserver(params ITrainingObserver[] observers) : ITrainingObserver
{
    public void OnStep(StepReport report) { foreach (var o in observers) o.OnStep(report); }
    public void OnEvaluation(EvaluationReport report) { foreach (var o in observers) o.OnEvaluation(report); }
    public void OnCheckpoint(CheckpointReport report) { foreach (var o in observers) o.OnCheckpoint(report); }
    public void OnBestCheckpoint(CheckpointReport report) { foreach (var o in observers) o.OnBestCheckpoint(report); }
}
