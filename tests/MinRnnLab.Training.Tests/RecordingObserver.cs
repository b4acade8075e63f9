using MinRnnLab.Training.Trainer;

namespace MinRnnLab.Training.Tests;

/// <summary>Keeps every report, for assertions.</summary>
public sealed class RecordingObserver : ITrainingObserver
{
    public List<StepReport> Steps { get; } = [];
    public List<EvaluationReport> Evaluations { get; } = [];
    public List<CheckpointReport> Checkpoints { get; } = [];
    public List<CheckpointReport> BestCheckpoints { get; } = [];

    public void OnStep(StepReport report) => Steps.Add(report);
    public void OnEvaluation(EvaluationReport report) => Evaluations.Add(report);
    public void OnCheckpoint(CheckpointReport report) => Checkpoints.Add(report);
    public void OnBestCheckpoint(CheckpointReport report) => BestCheckpoints.Add(report);
}
