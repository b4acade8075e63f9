using System.Diagnostics;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Storage;
using MinRnnLab.Training.Checkpoints;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MinRnnLab.Worker.Trials;

/// <summary>One executor's numbers in <see cref="TrialStartBenchmark"/>: medians over its rounds, with the slowest and fastest.</summary>
/// <param name="StartSeconds">From the executor's call to the step-0 evaluation's report: what a trial waits before it trains.</param>
/// <param name="MsPerIter">The trainer's own step time (its ms_per_iter reports), median over the run's evaluations.</param>
/// <param name="PeakMemoryMb">The trial process's peak resident set; empty in the silo's process, which holds more than one trial.</param>
public sealed record TrialStartResult(
    string Preset, string Executor, int Rounds, int Steps, double StartSeconds, double StartMin, double StartMax,
    double MsPerIter, double MsPerIterMin, double MsPerIterMax, double WallSeconds, double? PeakMemoryMb);

/// <summary>
/// What training in a trial process costs against training in the silo's process, on one run config: the two
/// executors take turns, round after round, so a machine whose load drifts weighs on both alike. The silo's process
/// is measured warm (libtorch, the corpus and the JIT'd trainer already loaded, as in a silo that has trained
/// before); a trial process is always cold, which is the cost being measured.
/// </summary>
public static class TrialStartBenchmark
{
    public static IReadOnlyList<TrialStartResult> Run(string preset, RunConfig config, WorkerOptions options, int rounds, Action<string> progress)
    {
        var executors = new (string Name, IRunExecutor Executor)[]
        {
            ("trial process", new ProcessRunExecutor(Options.Create(options), NullLogger<ProcessRunExecutor>.Instance)),
            ("silo's process", new TorchRunExecutor(Options.Create(options), DiskCheckpointWriter.Instance)),
        };
        progress("warming up the silo's process");
        Measure(executors[1].Executor, config);
        var samples = executors.ToDictionary(e => e.Name, _ => new List<Sample>());
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (name, executor) in executors)
            {
                progress($"round {round} of {rounds}: {name}");
                samples[name].Add(Measure(executor, config));
            }
        }
        return executors.Select(e => Summarize(preset, e.Name, config.Train.MaxIters, samples[e.Name])).ToList();
    }

    private sealed record Sample(double StartSeconds, double MsPerIter, double WallSeconds, long? PeakMemoryBytes);

    private static Sample Measure(IRunExecutor executor, RunConfig config)
    {
        var folder = Directory.CreateTempSubdirectory("minrnn-bench-trial-").FullName;
        try
        {
            var spec = new RunSpec("bench-trial/0", "bench-trial", 0, config.Model.Arch.ToString(), [], config.Train.Seed,
                config, 0, null, "cpu");
            var reporter = new TimingReporter();
            var context = new RunContext(spec, 1, "bench", "cpu", Path.Combine(folder, "checkpoint"), new RunLog(Path.Combine(folder, "run.log")), reporter);
            var outcome = executor.Execute(context, CancellationToken.None);
            if (outcome?.State != RunState.Succeeded)
                throw new InvalidOperationException($"the benchmark's run ended {outcome?.State.ToString() ?? "unfinished"}: {outcome?.Reason}; see {context.Log.Path}");
            return new Sample(reporter.FirstEvaluationSeconds, Median(reporter.MsPerIter), reporter.Elapsed, reporter.PeakMemoryBytes);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static TrialStartResult Summarize(string preset, string executor, int steps, List<Sample> samples) => new(
        preset, executor, samples.Count, steps,
        Median(samples.Select(s => s.StartSeconds)), samples.Min(s => s.StartSeconds), samples.Max(s => s.StartSeconds),
        Median(samples.Select(s => s.MsPerIter)), samples.Min(s => s.MsPerIter), samples.Max(s => s.MsPerIter),
        Median(samples.Select(s => s.WallSeconds)),
        samples.All(s => s.PeakMemoryBytes is not null) ? Median(samples.Select(s => s.PeakMemoryBytes!.Value / 1e6)) : null);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Times the reports of one run from its start: the first evaluation's arrival, and every step time reported.</summary>
    private sealed class TimingReporter : IRunReporter
    {
        private readonly Stopwatch watch = Stopwatch.StartNew();

        public double FirstEvaluationSeconds { get; private set; } = double.NaN;
        public List<double> MsPerIter { get; } = [];
        public long? PeakMemoryBytes { get; private set; }
        public double Elapsed => watch.Elapsed.TotalSeconds;

        public void Progress(int step, int maxIters, IReadOnlyList<MetricPoint> points)
        {
            if (double.IsNaN(FirstEvaluationSeconds))
                FirstEvaluationSeconds = watch.Elapsed.TotalSeconds;
            MsPerIter.AddRange(points.Where(p => p.Name == MetricNames.MsPerIter).Select(p => p.Value));
        }

        public void Usage(AttemptUsage usage) => PeakMemoryBytes = usage.PeakMemoryBytes;

        public void Checkpoint(int step)
        {
        }

        public void Resumed(int step, StepReached? reachedBefore)
        {
        }

        public void Waiting(string? reason)
        {
        }
    }
}
