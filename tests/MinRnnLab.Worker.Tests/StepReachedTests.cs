using Microsoft.Extensions.Options;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Hosting;
using MinRnnLab.Storage;
using MinRnnLab.Tests.Shared;
using MinRnnLab.Training.Checkpoints;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// A killed attempt leaves no report of the steps it trained after its last one. The run's folder keeps how far it got
/// (<see cref="StepReachedMark"/>), and the attempt that resumes tells the run, so a report can count what the kill lost.
/// </summary>
public sealed class StepReachedTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "minrnn-step-reached", Guid.NewGuid().ToString("N"));

    [Fact]
    public void TheAttemptThatResumesReportsHowFarTheStoppedOneTrainedPastItsCheckpoint()
    {
        var checkpoints = Path.Combine(folder, "checkpoint");
        var log = Path.Combine(folder, "run.log");
        // Attempt 1 checkpoints at step 20 and loses its lease at step 30's evaluation: the step in flight finishes
        // (31), then it stops as it is, writing nothing, as an attempt whose run went to another worker must.
        var first = new RecordingReporter(stopAtEvaluation: 30);
        Assert.Null(Executor().Execute(Context(1, checkpoints, log, first), first.Cancel.Token));

        var second = new RecordingReporter();
        var outcome = Executor().Execute(Context(2, checkpoints, log, second), CancellationToken.None);

        Assert.Equal(RunState.Succeeded, outcome!.State);
        Assert.Equal((20, new StepReached(1, 31)), second.Resume);
        Assert.Contains("resumed from step 20, attempt 2 on worker w (cpu); attempt 1 had trained to step 31, so 11 steps are trained again",
            File.ReadAllText(log));
        Assert.Equal(new StepReached(2, 60), new StepReachedMark(checkpoints, 3).Read());   // attempt 2's own, to the end
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("2 4x")]
    [InlineData("-1 40")]
    [InlineData("2 40 9")]
    public void AMissingOrUnreadableMarkIsNoMark(string? content)
    {
        var checkpoints = Path.Combine(folder, "checkpoint");
        Directory.CreateDirectory(folder);
        if (content is not null)
            File.WriteAllText(Path.Combine(folder, "step-reached"), content);

        Assert.Null(new StepReachedMark(checkpoints, 3).Read());
    }

    private static TorchRunExecutor Executor() =>
        new(Options.Create(new LabOptions { CorpusPath = TestCorpus.FilePath }), DiskCheckpointWriter.Instance);

    private static RunContext Context(int attempt, string checkpoints, string log, IRunReporter reporter)
    {
        var config = ConfigBinder.Bind(
        [
            .. Presets.Get("tiny"),
            new ConfigValue("arch", "mingru", "test"), new ConfigValue("max_iters", "60", "test"),
            new ConfigValue("lr_decay_iters", "60", "test"), new ConfigValue("eval_interval", "10", "test"),
            new ConfigValue("checkpoint_interval", "20", "test"), new ConfigValue("log_interval", "1", "test"),
            new ConfigValue("n_embd", "16", "test"),
        ]);
        var spec = new RunSpec("s/0", "s", 0, "mingru", [], 1337, config, 1, null, "cpu");
        return new RunContext(spec, attempt, "w", "cpu", checkpoints, new RunLog(log), reporter);
    }

    private sealed class RecordingReporter(int stopAtEvaluation = -1) : IRunReporter
    {
        public CancellationTokenSource Cancel { get; } = new();
        public (int Step, StepReached? ReachedBefore)? Resume { get; private set; }

        public void Progress(int step, int maxIters, IReadOnlyList<MetricPoint> points)
        {
            if (step == stopAtEvaluation)
                Cancel.Cancel();
        }

        public void Resumed(int step, StepReached? reachedBefore) => Resume = (step, reachedBefore);
        public void Checkpoint(int step) { }
        public void Waiting(string? reason) { }
        public void Usage(AttemptUsage usage) { }
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
