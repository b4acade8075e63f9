using MinRnnLab.Abstractions;
using MinRnnLab.Config;

namespace MinRnnLab.Worker;

/// <summary>
/// Finishes every run at once after reporting its evaluation points with synthetic losses: measures the
/// platform's own overhead (queue, leases, grain calls, metric ingestion) without training.
/// </summary>
public sealed class NoOpRunExecutor : IRunExecutor
{
    public RunOutcome? Execute(RunContext context, CancellationToken cancel)
    {
        var train = context.Spec.Config.Train;
        var loss = 4.0;
        for (var step = 0; step <= train.MaxIters; step += train.EvalInterval)
        {
            cancel.ThrowIfCancellationRequested();
            loss *= 0.97;
            context.Reporter.Progress(step, train.MaxIters,
                [new MetricPoint(step, MetricNames.TrainLoss, loss), new MetricPoint(step, MetricNames.ValLoss, loss * 1.02)]);
        }
        return new RunOutcome(RunState.Succeeded, train.MaxIters, loss * 1.02, null, 0);
    }
}
