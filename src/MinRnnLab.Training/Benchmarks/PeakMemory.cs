namespace MinRnnLab.Training.Benchmarks;

/// <summary>
/// Peak extra memory of a piece of work on the CPU, from Linux's per-process counters. VmHWM (peak resident
/// set) only ever grows, so before each measurement we reset it to the current RSS by writing "5" to
/// /proc/self/clear_refs (Linux ≥ 4.0); the peak of the work is then VmHWM after it minus VmRSS before it.
/// glibc keeps freed blocks resident for reuse, which would hide the work's allocations after a larger run
/// (measured: 0.4 MiB for minLSTM T = 64 right after a 2 GiB run), so we call malloc_trim(0) first to hand
/// them back to the OS. Returns null
/// where the counters are unavailable. TorchSharp 0.107 exposes no CUDA allocator statistics, so on a GPU the
/// benchmark reports no memory rather than a wrong one.
/// </summary>
public static class PeakMemory
{
    private const string StatusPath = "/proc/self/status";
    private const string ClearRefsPath = "/proc/self/clear_refs";

    public static bool IsAvailable => OperatingSystem.IsLinux() && File.Exists(ClearRefsPath);

    /// <summary>Runs <paramref name="work"/> and returns its peak resident-set growth in bytes, or null.</summary>
    public static long? MeasureCpu(Action work)
    {
        if (!IsAvailable)
        {
            work();
            return null;
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GlibcAllocator.Trim();
        var before = ReadKb("VmRSS:");
        try
        {
            File.WriteAllText(ClearRefsPath, "5");
        }
        catch (IOException)
        {
            work();
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            work();
            return null;
        }
        work();
        var peak = ReadKb("VmHWM:");
        return Math.Max(0, peak - before) * 1024;
    }

    /// <summary>This process's peak resident set so far (VmHWM), or null where Linux's counters are unavailable.</summary>
    public static long? ProcessPeakBytes() => OperatingSystem.IsLinux() && File.Exists(StatusPath) ? ReadKb("VmHWM:") * 1024 : null;

    private static long ReadKb(string key)
    {
        foreach (var line in File.ReadLines(StatusPath))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
                return long.Parse(line[key.Length..].Trim().Split(' ')[0]);
        }
        throw new InvalidOperationException($"{key} not found in {StatusPath}");
    }
}
