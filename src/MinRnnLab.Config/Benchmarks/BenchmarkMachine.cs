using System.Runtime.InteropServices;

namespace MinRnnLab.Config.Benchmarks;

/// <summary>
/// When and where a benchmark ran, saved beside its numbers: timings only compare between runs on the same
/// machine with the same threads. Threads is what libtorch actually used, also when no --threads was given.
/// </summary>
public sealed record BenchmarkMachine(DateTimeOffset StartedAt, string Os, int ProcessorCount, int Threads)
{
    public static BenchmarkMachine Current(int threads) =>
        new(DateTimeOffset.UtcNow, RuntimeInformation.OSDescription, Environment.ProcessorCount, threads);
}
