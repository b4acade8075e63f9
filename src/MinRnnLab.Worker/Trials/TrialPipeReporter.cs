using MinRnnLab.Abstractions;

namespace MinRnnLab.Worker.Trials;

/// <summary>
/// The trial process's end of the pipe: its reports go to the worker as events on <c>output</c>, and the worker's
/// words come back on <c>input</c>, read by a thread of their own. An evaluation waits for the worker's answer, so
/// training pauses exactly where it would in the silo's process while the run's metrics store refuses batches.
/// It lives as long as its process: nothing to dispose while the reading thread may still use it.
/// </summary>
public sealed class TrialPipeReporter : IRunReporter
{
    private readonly TextWriter output;
    private readonly CancellationToken terminate;
    private readonly CancellationTokenSource stop = new();
    private readonly SemaphoreSlim answers = new(0);
    private readonly Lock writing = new();

    /// <param name="terminate">SIGTERM: checkpoint and stop. An evaluation waiting for its answer returns at once.</param>
    public TrialPipeReporter(TextReader input, TextWriter output, CancellationToken terminate)
    {
        (this.output, this.terminate) = (output, terminate);
        new Thread(() => ReadCommands(input)) { IsBackground = true, Name = "trial commands" }.Start();
    }

    /// <summary>Fires when the worker says stop, or is gone (its end of the pipe closed): stop without a checkpoint.</summary>
    public CancellationToken Stopped => stop.Token;

    public void Progress(int step, int maxIters, IReadOnlyList<MetricPoint> points)
    {
        Send(new ProgressEvent(step, maxIters, [.. points]));
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, terminate);
        try
        {
            answers.Wait(either.Token);
        }
        catch (OperationCanceledException)
        {
            stop.Token.ThrowIfCancellationRequested();                                  // on SIGTERM: on to the shutdown checkpoint
        }
    }

    public void Checkpoint(int step) => Send(new CheckpointEvent(step));

    public void Resumed(int step, StepReached? reachedBefore) => Send(new ResumedEvent(step, reachedBefore));

    public void Waiting(string? reason) => Send(new WaitingEvent(reason));

    public void Usage(AttemptUsage usage) => Send(new UsageEvent(usage));

    /// <summary>The last event: how the attempt ended, or null when it stopped unfinished.</summary>
    public void Finish(RunOutcome? outcome) => Send(new FinishedEvent(outcome));

    private void Send(TrialEvent message)
    {
        lock (writing)
        {
            output.WriteLine(TrialJson.Line(message));
            output.Flush();
        }
    }

    private void ReadCommands(TextReader input)
    {
        while (input.ReadLine() is { } line)
        {
            switch (line.Trim())
            {
                case TrialCommands.Continue:
                    answers.Release();
                    break;
                case TrialCommands.Stop:
                    stop.Cancel();
                    break;
            }
        }
        stop.Cancel();                                                                  // the worker is gone: nobody holds the lease
    }
}
