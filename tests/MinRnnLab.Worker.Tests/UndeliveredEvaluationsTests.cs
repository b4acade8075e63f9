using MinRnnLab.Tests.Shared;
using Microsoft.Extensions.Options;
using MinRnnLab.Abstractions;
using MinRnnLab.Hosting;
using MinRnnLab.Worker;
using MinRnnLab.Storage;
using MinRnnLab.Training.Checkpoints;
using MinRnnLab.Config;
using MinRnnLab.Training.Data;
using MinRnnLab.Training.Trainer;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// A worker that dies after saving a checkpoint but before its reports reach the run grain: the evaluations in
/// between exist only in the checkpoint. The next attempt must report them, or they are missing for good.
/// </summary>
public sealed class UndeliveredEvaluationsTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "minrnn-undelivered", Guid.NewGuid().ToString("N"));

    // Attempt 1 trains to step 40 (evaluations at 0, 10, 20, 30, 40; checkpoint at 40); the grain heard up to step
    // 10, or nothing at all (-1: not even step 0's evaluation arrived, which a last step of 0 alone cannot say).
    [Theory]
    [InlineData(10, new[] { 20, 30, 40, 50, 60 }, "reported 2 evaluation(s) the previous attempt saved in its checkpoint but never delivered (steps 20–30)")]
    [InlineData(-1, new[] { 0, 10, 20, 30, 40, 50, 60 }, "reported 4 evaluation(s) the previous attempt saved in its checkpoint but never delivered (steps 0–30)")]
    public void EvaluationsSavedInACheckpointButNeverDeliveredAreReportedWhenTheRunResumes(int heardUpTo, int[] reported, string logLine)
    {
        var checkpoints = Path.Combine(folder, "checkpoint");
        var config = Config(maxIters: 60);
        using (var data = CharDataset.Load(TestCorpus.FilePath))
        using (var first = new TrainingLoop(config with { Train = config.Train with { MaxIters = 40 } }, data, new NoObserver(), checkpoints))
            first.Run();

        var reporter = new RecordingReporter();
        var spec = new RunSpec("s/0", "s", 0, "mingru", [], 1337, config, 1, null, "cpu");
        var context = new RunContext(spec, 2, "w", "cpu", checkpoints, new RunLog(Path.Combine(folder, "run.log")), reporter, ReportedStep: heardUpTo);
        var outcome = new TorchRunExecutor(Options.Create(new LabOptions { DataFolder = folder, CorpusPath = TestCorpus.FilePath }), DiskCheckpointWriter.Instance)
            .Execute(context, CancellationToken.None);

        Assert.Equal(RunState.Succeeded, outcome!.State);
        // Those unheard of from the checkpoint, 40 evaluated again at the resume, 50 and 60 trained: each once, in order.
        Assert.Equal(reported, reporter.ValLossSteps);
        Assert.Contains(logLine, File.ReadAllText(Path.Combine(folder, "run.log")));
    }

    private static RunConfig Config(int maxIters) => ConfigBinder.Bind(
    [
        .. Presets.Get("tiny"),
        new ConfigValue("arch", "mingru", "test"), new ConfigValue("max_iters", $"{maxIters}", "test"),
        new ConfigValue("lr_decay_iters", $"{maxIters}", "test"), new ConfigValue("eval_interval", "10", "test"),
        new ConfigValue("checkpoint_interval", "20", "test"), new ConfigValue("n_embd", "16", "test"),
    ]);

    private sealed class NoObserver : Training.Trainer.ITrainingObserver;

    private sealed class RecordingReporter : IRunReporter
    {
        public List<int> ValLossSteps { get; } = [];
        public void Progress(int step, int maxIters, IReadOnlyList<MetricPoint> points) =>
            ValLossSteps.AddRange(points.Where(p => p.Name == MetricNames.ValLoss).Select(p => p.Step));
        public void Checkpoint(int step) { }
        public void Resumed(int step, StepReached? reachedBefore) { }
        public void Waiting(string? reason) { }
        public void Usage(AttemptUsage usage) { }
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
