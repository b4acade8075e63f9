using System.Collections.Concurrent;
using System.Reflection;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Worker;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// The reporter sends evaluations that queued up behind a report in flight as one report, in step order, and never
/// moves one past a checkpoint.
/// </summary>
public sealed class ProgressBatchingTests
{
    [Fact]
    public async Task EvaluationsQueuedBehindAReportGoAsOneAndACheckpointKeepsItsPlace()
    {
        var grain = DispatchProxy.Create<IRunGrain, RecordingRunGrain>();
        var recorder = (RecordingRunGrain)(object)grain;
        using var training = new CancellationTokenSource();
        var reporter = new RunReporter(grain, attempt: 1, training);

        reporter.Progress(0, 100, Evaluation(0));
        await recorder.FirstReportArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));  // held until released below
        reporter.Progress(10, 100, Evaluation(10));
        reporter.Progress(20, 100, Evaluation(20));
        reporter.Checkpoint(20);
        reporter.Progress(30, 100, Evaluation(30));
        reporter.Progress(40, 100, Evaluation(40));
        recorder.Release.SetResult();
        await reporter.DisposeAsync();

        Assert.Equal(["progress 0 [0 0]", "progress 20 [10 10 20 20]", "checkpoint 20", "progress 40 [30 30 40 40]"], recorder.Calls);
    }

    private static MetricPoint[] Evaluation(int step) =>
        [new MetricPoint(step, MetricNames.TrainLoss, 1.0), new MetricPoint(step, MetricNames.ValLoss, 1.1)];

    /// <summary>A run grain that records the reports it is sent and holds the first until released.</summary>
    public class RecordingRunGrain : DispatchProxy
    {
        public ConcurrentQueue<string> Calls { get; } = new();
        public TaskCompletionSource FirstReportArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            switch (method!.Name)
            {
                case nameof(IRunGrain.ReportProgress):
                    var points = (MetricPoint[])args![3]!;
                    Calls.Enqueue($"progress {args[1]} [{string.Join(' ', points.Select(p => p.Step))}]");
                    return Held();
                case nameof(IRunGrain.ReportCheckpoint):
                    Calls.Enqueue($"checkpoint {args![1]}");
                    return Task.CompletedTask;
                default:
                    throw new NotSupportedException($"{method.Name} is not part of this test");
            }
        }

        private async Task<RunCommand> Held()
        {
            if (FirstReportArrived.TrySetResult())
                await Release.Task;
            return RunCommand.Continue;
        }
    }
}
