using MinRnnLab.Tests.Shared;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Training.Data;
using MinRnnLab.Training.Trainer;

namespace MinRnnLab.Cluster.Tests;

/// <summary>What a run's losses are when nothing interrupts it: the trainer called directly, no platform.</summary>
public static class Reference
{
    public static (int Step, double Loss)[] UninterruptedValLosses(RunSpec spec)
    {
        var observer = new Recorder();
        using var data = CharDataset.Load(TestCorpus.FilePath);
        using var trainer = new TrainingLoop(spec.Config, data, observer);
        trainer.Run();
        return observer.Losses.ToArray();
    }

    /// <summary>Appends a measured number to a file beside the test run, for the report.</summary>
    public static void Record(string line)
    {
        var file = Path.Combine(Path.GetTempPath(), "minrnn-cluster-measurements.txt");
        File.AppendAllText(file, $"{DateTime.UtcNow:u} {line}{Environment.NewLine}");
        Console.WriteLine(line);
    }

    private sealed class Recorder : ITrainingObserver
    {
        public List<(int, double)> Losses { get; } = [];
        public void OnEvaluation(EvaluationReport report) => Losses.Add((report.Step, report.ValLoss));
    }
}
