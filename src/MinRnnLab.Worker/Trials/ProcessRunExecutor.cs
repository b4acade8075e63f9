using MinRnnLab.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MinRnnLab.Worker.Trials;

/// <summary>
/// Trains each attempt in a trial process of its own (<see cref="TrialChild"/>) and supervises it: the silo keeps the
/// lease, the reporter and the records; the trial trains, checkpoints and streams its reports, which become the same
/// reporter calls training in the silo's process makes. A trial that dies takes nothing else with it: its attempt
/// fails with the cause named (<see cref="TrialFailedException"/>). Cancel, prune and a lost lease stop it at once;
/// a silo shutting down has it checkpoint first.
/// </summary>
public sealed class ProcessRunExecutor(IOptions<WorkerOptions> options, ILogger<ProcessRunExecutor> logger) : IRunExecutor
{
    private readonly TrialProgram program = TrialProgram.Locate(options.Value);

    public RunOutcome? Execute(RunContext context, CancellationToken cancel)
    {
        var settings = options.Value;
        var oomKillsBefore = OomKills.Read();
        using var trial = TrialProcess.Start(program, Request(context, settings), logger);
        context.Log.Write($"attempt {context.Attempt} trains in process {trial.Id}");
        using var onCancel = cancel.Register(() => trial.StopNow(settings.TrialStopGrace));
        using var onShutdown = context.Shutdown.Register(() => trial.Terminate(settings.TrialShutdownGrace));
        var (finished, usage) = Relay(trial, context.Reporter);
        var exitCode = trial.WaitForExit();
        usage ??= trial.SampledUsage;
        context.Reporter.Usage(usage);
        if (trial.KilledAfterGrace)
            context.Log.Write($"attempt {context.Attempt}: process {trial.Id} did not stop within its grace period; killed");
        if (finished?.Outcome is { } outcome)
            return outcome;
        if (cancel.IsCancellationRequested || context.Shutdown.IsCancellationRequested)
            return null;                                                                // stopped as asked
        if (finished is not null)
            throw new TrialFailedException($"trial process {trial.Id} stopped on a SIGTERM that did not come from its worker; its checkpoint stays");
        throw new TrialFailedException(TrialExit.Describe(trial.Id, exitCode, usage, oomKillsBefore, OomKills.Read(), trial.LastError));
    }

    /// <summary>
    /// Turns the trial's events into reporter calls until it closes its end of the pipe. Returns its last event and
    /// its own measure of itself, each null when it died before sending it.
    /// </summary>
    private static (FinishedEvent? Finished, AttemptUsage? Usage) Relay(TrialProcess trial, IRunReporter reporter)
    {
        FinishedEvent? finished = null;
        AttemptUsage? usage = null;
        while (trial.ReadEvent() is { } e)
        {
            switch (e)
            {
                case ProgressEvent p:
                    try
                    {
                        reporter.Progress(p.Step, p.MaxIters, p.Points);               // blocks while the metrics store refuses batches
                        trial.Send(TrialCommands.Continue);
                    }
                    catch (OperationCanceledException)
                    {
                        // Stopped while it waited: the cancellation has already told the trial to stop.
                    }
                    break;
                case CheckpointEvent c:
                    reporter.Checkpoint(c.Step);
                    break;
                case ResumedEvent r:
                    reporter.Resumed(r.Step, r.ReachedBefore);
                    break;
                case WaitingEvent w:
                    reporter.Waiting(w.Reason);
                    break;
                case UsageEvent u:
                    usage = u.Usage;
                    break;
                case FinishedEvent f:
                    finished = f;
                    break;
            }
        }
        return (finished, usage);
    }

    private static TrialRequest Request(RunContext context, WorkerOptions settings) => new(
        context.Spec, context.Attempt, context.Worker, context.Device, context.CheckpointFolder, context.Log.Path,
        context.ReportedStep, context.EarlierSeconds, settings.CpuThreads, settings.DataFolder, settings.CorpusPath);
}
