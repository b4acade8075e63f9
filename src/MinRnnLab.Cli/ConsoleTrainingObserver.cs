using System.Globalization;
using MinRnnLab.Training.Trainer;
using Spectre.Console;

namespace MinRnnLab.Cli;

/// <summary>
/// Draws a run's progress: a bar with loss, learning rate and ms/iter, and one greppable line per evaluation
/// (`step N: train loss X, val loss Y`), as nanoGPT prints.
/// </summary>
public sealed class ConsoleTrainingObserver(ProgressTask task) : ITrainingObserver
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public void OnStep(StepReport r)
    {
        task.Value = r.Step;
        task.Description = string.Format(Invariant, "loss {0:F4} · lr {1:0.00e0} · {2:F1} ms/iter", r.TrainLoss, r.LearningRate, r.MsPerIter);
    }

    public void OnEvaluation(EvaluationReport r)
    {
        task.Value = r.Step;
        AnsiConsole.WriteLine(LogLines.Evaluation(r));
    }

    public void OnCheckpoint(CheckpointReport r) =>
        AnsiConsole.MarkupLine($"[grey]checkpoint at step {r.Step} → {Markup.Escape(r.Path)}[/]");

    public void OnBestCheckpoint(CheckpointReport r) =>
        AnsiConsole.MarkupLine($"[grey]best checkpoint at step {r.Step} → {Markup.Escape(r.Path)}[/]");
}
