using MinRnnLab.Abstractions;
using MinRnnLab.Config;

namespace MinRnnLab.Worker;

/// <summary>
/// A simulated trainer for cluster benchmarks: like <see cref="NoOpRunExecutor"/> it reports synthetic losses through
/// the real reporter, but each step takes <see cref="WorkerOptions.PacedStepTime"/> (a sleep, no CPU), so a trial
/// holds its lease for a set time. Each evaluation also carries <see cref="SentAtMetric"/>, the wall clock (Unix ms)
/// at which it was reported, so a subscriber can measure its lag. It checkpoints as the trainer does: every
/// checkpoint_interval steps, at the end, and when handed back; a resumed attempt first delivers the evaluations up to
/// its checkpoint that the run has not stored, then starts again after the checkpoint, spends the time of the steps it
/// retrains, and reports only the evaluations the run has not stored (as <see cref="TorchRunExecutor"/> does).
/// </summary>
public sealed class PacedRunExecutor(TimeSpan stepTime) : IRunExecutor
{
    /// <summary>The benchmark's own metric: when the evaluation was reported, in Unix milliseconds.</summary>
    public const string SentAtMetric = "sent_at_unix_ms";

    public RunOutcome? Execute(RunContext context, CancellationToken cancel)
    {
        var train = context.Spec.Config.Train;
        var resumedFrom = context.CheckpointStep;
        if (resumedFrom >= 0)
            context.Reporter.Resumed(resumedFrom, reachedBefore: null);           // it simulates: the steps are time, not files
        // Evaluations up to the checkpoint that never reached the grain (a batch the store refused before a hand-back):
        // delivered now, as the trainer delivers those its checkpoint keeps (TorchRunExecutor's ReportUndelivered).
        for (var step = context.ReportedStep + 1; step <= resumedFrom; step++)
            if (step % train.EvalInterval == 0)
                Report(context, step, train.MaxIters);
        var (done, checkpointed) = (resumedFrom, resumedFrom);                          // the last step trained, and checkpointed
        for (var step = resumedFrom + 1; step <= train.MaxIters; step++)
        {
            // A lost lease or a stop ends the wait; so does a hand-back (the silo stopping, the sweep paused), which
            // checkpoints the last step trained first, as the trainer does.
            if (WaitHandle.WaitAny([cancel.WaitHandle, context.Shutdown.WaitHandle], stepTime) != WaitHandle.WaitTimeout)
            {
                if (!cancel.IsCancellationRequested && done > checkpointed)
                    context.Reporter.Checkpoint(done);
                return null;
            }
            done = step;
            if (step % train.EvalInterval == 0 && step > context.ReportedStep)
                Report(context, step, train.MaxIters);
            if (step == train.MaxIters || (step > 0 && train.CheckpointInterval > 0 && step % train.CheckpointInterval == 0))
            {
                context.Reporter.Checkpoint(step);
                checkpointed = step;
            }
        }
        return new RunOutcome(RunState.Succeeded, train.MaxIters, Loss(train.MaxIters) * 1.02, null, 0);
    }

    private static void Report(RunContext context, int step, int maxIters)
    {
        var loss = Loss(step);
        context.Reporter.Progress(step, maxIters, [new MetricPoint(step, MetricNames.TrainLoss, loss),
            new MetricPoint(step, MetricNames.ValLoss, loss * 1.02),
            new MetricPoint(step, SentAtMetric, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())]);
    }

    /// <summary>The same curve for every trial and attempt: a resumed run's points continue its first attempt's.</summary>
    private static double Loss(int step) => 4.0 * Math.Pow(0.97, step + 1);
}
