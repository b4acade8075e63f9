using System.IO.Pipes;
using MinRnnLab.Abstractions;
using MinRnnLab.Worker.Trials;

namespace MinRnnLab.Worker.Tests;

/// <summary>The trial's end of the pipe: an evaluation waits for its worker's answer; a stop or a vanished worker ends the wait.</summary>
public sealed class TrialPipeReporterTests : IDisposable
{
    private readonly AnonymousPipeServerStream toTrial = new(PipeDirection.Out), fromTrial = new(PipeDirection.In);
    private readonly StreamWriter worker;
    private readonly StreamReader events;
    private readonly TrialPipeReporter reporter;

    public TrialPipeReporterTests()
    {
        worker = new StreamWriter(toTrial) { AutoFlush = true };
        events = new StreamReader(fromTrial);
        reporter = new TrialPipeReporter(
            new StreamReader(new AnonymousPipeClientStream(PipeDirection.In, toTrial.ClientSafePipeHandle)),
            new StreamWriter(new AnonymousPipeClientStream(PipeDirection.Out, fromTrial.ClientSafePipeHandle)),
            CancellationToken.None);
    }

    [Fact]
    public async Task AnEvaluationIsSentAndTrainingGoesOnOnlyOnceTheWorkerAnswers()
    {
        var evaluation = Task.Run(() => reporter.Progress(50, 100, [new MetricPoint(50, "val_loss", double.NaN)]));

        var sent = Assert.IsType<ProgressEvent>(TrialJson.ReadEvent((await events.ReadLineAsync())!));
        Assert.Equal((50, 100), (sent.Step, sent.MaxIters));
        Assert.True(double.IsNaN(sent.Points.Single().Value));                          // a diverged loss crosses as it is
        Assert.False(evaluation.IsCompleted);
        worker.WriteLine(TrialCommands.Continue);
        await evaluation.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AResumeCrossesWithHowFarTheAttemptBeforeItTrained(bool known)
    {
        StepReached? reached = known ? new StepReached(3, 1262) : null;

        reporter.Resumed(1250, reached);

        var sent = Assert.IsType<ResumedEvent>(TrialJson.ReadEvent((await events.ReadLineAsync())!));
        Assert.Equal((1250, reached), (sent.Step, sent.ReachedBefore));
    }

    [Fact]
    public async Task AStopEndsAWaitingEvaluationWithoutATrainingStep()
    {
        var evaluation = Task.Run(() => reporter.Progress(0, 100, []));
        await events.ReadLineAsync();

        worker.WriteLine(TrialCommands.Stop);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => evaluation.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(reporter.Stopped.IsCancellationRequested);
    }

    [Fact]
    public async Task AWorkerThatIsGoneStopsTheTrial()
    {
        worker.Dispose();                                                               // its end of the pipe closes, as when its silo dies

        await Task.Delay(Timeout.Infinite, reporter.Stopped).ContinueWith(_ => { }).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(reporter.Stopped.IsCancellationRequested);
    }

    public void Dispose()
    {
        worker.Dispose();
        toTrial.Dispose();
        events.Dispose();
    }
}
