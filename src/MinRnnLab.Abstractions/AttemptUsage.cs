namespace MinRnnLab.Abstractions;

/// <summary>What one attempt's trial process used of its machine, measured by the worker that supervised it.</summary>
/// <param name="PeakMemoryBytes">The process's peak resident set (VmHWM): what the machine had to hold for it at once.</param>
/// <param name="CpuSeconds">User plus system CPU time of the process, all its threads together.</param>
[GenerateSerializer, Immutable, Alias("MinRnnLab.AttemptUsage")]
public sealed record AttemptUsage(
    [property: Id(0)] long PeakMemoryBytes,
    [property: Id(1)] double CpuSeconds);
