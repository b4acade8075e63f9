using MinRnnLab.Abstractions;
using MinRnnLab.Config;

namespace MinRnnLab.Worker;

/// <summary>
/// A simulated trainer for cluster benchmarks: like <see cref="NoOpRunExecutor"/> it reports synthetic losses through
/// the real reporter, but each step takes <see cref="WorkerOptions.PacedStepTime"/> (a sleep, no CPU), so a trial
/// holds its lease for a set time. Each evaluation also carries <see cref="SentAtMetric"/>, the wall clock (Unix ms)
/// at which it was reported, so a subscriber can measure its lag. A resumed attempt continues after the last step the
/// run stored (as if every evaluation were checkpointed): evaluations are neither skipped nor reported twice on purpose.
/// </summary>
public sealed class PacedRunExecutor(TimeSpan stepTime) : IRunExecutor
{
    /// <summary>The benchmark's own metric: when the evaluation was reported, in Unix milliseconds.</summary>
    public const string SentAtMetric = "sent_at_unix_ms";

    public RunOutcome? Execute(RunContext context, CancellationToken cancel)
    {
        var train = context.Spec.Config.Train;
        var first = context.ReportedStep < 0 ? 0 : context.ReportedStep + train.EvalInterval;
        if (first > 0)
            context.Reporter.Resumed(context.ReportedStep);
        for (var step = first; step <= train.MaxIters; step += train.EvalInterval)
        {
            // The steps since the last evaluation take their time first. A lost lease or a stop ends the wait, and so does
            // the silo's shutdown: every reported step counts as checkpointed, so the run is simply handed back.
            var wait = stepTime * (step == 0 ? 1 : train.EvalInterval);
            if (WaitHandle.WaitAny([cancel.WaitHandle, context.Shutdown.WaitHandle], wait) != WaitHandle.WaitTimeout)
                return null;
            var loss = Loss(step);
            context.Reporter.Progress(step, train.MaxIters, [new MetricPoint(step, MetricNames.TrainLoss, loss),
                new MetricPoint(step, MetricNames.ValLoss, loss * 1.02),
                new MetricPoint(step, SentAtMetric, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())]);
        }
        return new RunOutcome(RunState.Succeeded, train.MaxIters, Loss(train.MaxIters) * 1.02, null, 0);
    }

    /// <summary>The same curve for every trial and attempt: a resumed run's points continue its first attempt's.</summary>
    private static double Loss(int step) => 4.0 * Math.Pow(0.97, step + 1);
}
