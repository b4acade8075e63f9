using System.Globalization;

namespace MinRnnLab.Training.Trainer;

/// <summary>
/// The greppable lines a run's progress is told in, as nanoGPT prints them (`step N: train loss X, val loss Y`):
/// the same on the console of `minrnn train` and in a platform run's log.
/// </summary>
public static class LogLines
{
    public static string Evaluation(EvaluationReport r) =>
        string.Format(CultureInfo.InvariantCulture, "step {0}: train loss {1:F4}, val loss {2:F4}", r.Step, r.TrainLoss, r.ValLoss);

    public static string Checkpoint(CheckpointReport r) => $"checkpoint at step {r.Step} saved to {r.Path}";

    public static string BestCheckpoint(CheckpointReport r) => $"best checkpoint at step {r.Step} saved to {r.Path}";
}
