using System.Globalization;
using MinRnnLab.Config;
using MinRnnLab.Training.Trainer;

namespace MinRnnLab.Training.Runs;

/// <summary>
/// Appends progress to metrics.csv: one row per logged step (kind=step) and per evaluation (kind=eval).
/// Appending keeps the rows of an interrupted run when it resumes; each row is flushed as written.
/// </summary>
public sealed class MetricsCsvWriter : ITrainingObserver, IDisposable
{
    public const string Header = $"kind,step,{MetricNames.TrainLoss},{MetricNames.ValLoss},{MetricNames.LearningRate}," +
                                 $"{MetricNames.MsPerIter},{MetricNames.TokensPerSecond},{MetricNames.RssMb}";

    private readonly StreamWriter writer;

    public MetricsCsvWriter(string path)
    {
        var isNew = !File.Exists(path) || new FileInfo(path).Length == 0;
        writer = new StreamWriter(path, append: true) { AutoFlush = true };
        if (isNew)
            writer.WriteLine(Header);
    }

    public void OnStep(StepReport r) =>
        Write("step", r.Step, r.TrainLoss, null, r.LearningRate, r.MsPerIter, r.TokensPerSecond, r.RssBytes / 1048576.0);

    public void OnEvaluation(EvaluationReport r) =>
        Write("eval", r.Step, r.TrainLoss, r.ValLoss, null, null, null, null);

    private void Write(string kind, int step, params double?[] values) =>
        writer.WriteLine(string.Join(',', [kind, step.ToString(CultureInfo.InvariantCulture),
            .. values.Select(v => v?.ToString("G6", CultureInfo.InvariantCulture) ?? "")]));

    public void Dispose() => writer.Dispose();
}
