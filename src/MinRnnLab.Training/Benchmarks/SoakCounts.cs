using System.Collections.Concurrent;
using MinRnnLab.Config;
using MinRnnLab.Training.Trainer;

namespace MinRnnLab.Training.Benchmarks;

/// <summary>
/// What a <see cref="TrainingSoak"/> did so far, counted from all its threads at once; it is also every run's
/// observer, so that it counts the steps.
/// </summary>
public sealed class SoakCounts : ITrainingObserver
{
    private long steps, finished, stopped, resumed, collections, failed;

    // The first failure of each kind (architecture and exception type), with its stack: a corrupted tensor fails in
    // many places, and the first one is where to look.
    private readonly ConcurrentDictionary<string, string> failures = new();

    public long Steps => Interlocked.Read(ref steps);
    public long RunsFinished => Interlocked.Read(ref finished);
    public long AttemptsStopped => Interlocked.Read(ref stopped);
    public long Resumes => Interlocked.Read(ref resumed);
    public long Collections => Interlocked.Read(ref collections);
    public long Failures => Interlocked.Read(ref failed);

    /// <summary>The first failure of each kind, "arch ExceptionType" → the exception with its stack.</summary>
    public IReadOnlyDictionary<string, string> FirstFailures => failures;

    public void OnStep(StepReport report) => Interlocked.Increment(ref steps);

    internal void Finished() => Interlocked.Increment(ref finished);
    internal void Stopped() => Interlocked.Increment(ref stopped);
    internal void Resumed() => Interlocked.Increment(ref resumed);
    internal void Collected() => Interlocked.Increment(ref collections);

    internal void Failed(Architecture arch, Exception e)
    {
        Interlocked.Increment(ref failed);
        failures.TryAdd($"{arch} {e.GetType().Name}", e.ToString());
    }

    public override string ToString() =>
        $"{RunsFinished} runs finished, {AttemptsStopped} attempts stopped early, {Resumes} resumed, {Steps} steps, " +
        $"{Collections} forced collections, {Failures} failed";
}
