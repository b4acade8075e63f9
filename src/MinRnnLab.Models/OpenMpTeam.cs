using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace MinRnnLab.Models;

/// <summary>
/// Runs a fused kernel's work items on libtorch's own OpenMP threads, through libgomp's GOMP_parallel. Those threads
/// have just run the previous libtorch op and spin for a while waiting for the next one, so .NET's thread pool would
/// compete with them for the same cores: at 2 threads a fused scan's forward + backward ran no faster than on one.
/// The libgomp is the one libtorch loaded, found in /proc/self/maps; where there is none (another OS, or a libtorch
/// built with another OpenMP) <see cref="IsAvailable"/> is false and <see cref="CpuKernel.ForEach"/> uses
/// Parallel.ForEach instead.
/// </summary>
internal static unsafe class OpenMpTeam
{
    private static readonly Lazy<Entries?> Loaded = new(Load);

    public static bool IsAvailable => Loaded.Value is not null;

    /// <summary>
    /// Runs <paramref name="work"/> for items 0 … count−1 on a team of <paramref name="threads"/> threads (the
    /// caller is one of them), each taking one contiguous range, so that neighbouring items share a thread and its
    /// cache. An exception from any item is rethrown here once the team has finished.
    /// </summary>
    public static void Run(long count, int threads, Action<long> work)
    {
        var entries = Loaded.Value ?? throw new InvalidOperationException("libgomp is not loaded in this process");
        var job = new Job(entries, count, work);
        var handle = GCHandle.Alloc(job);
        try
        {
            entries.Parallel(&RunShare, GCHandle.ToIntPtr(handle), (uint)threads, 0);
        }
        finally
        {
            handle.Free();
        }
        if (job.Error is { } error)
            ExceptionDispatchInfo.Throw(error);
    }

    // One team member's share; called by libgomp on each of the team's threads.
    [UnmanagedCallersOnly]
    private static void RunShare(nint state)
    {
        var job = (Job)GCHandle.FromIntPtr(state).Target!;
        try
        {
            long member = job.Entries.ThreadNumber(), team = job.Entries.TeamSize();
            for (var i = job.Count * member / team; i < job.Count * (member + 1) / team; i++)
                job.Work(i);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref job.Error, e, null);                          // unwinding into C would abort
        }
    }

    private static Entries? Load()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        var path = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "")
            .FirstOrDefault(file => Path.GetFileName(file).StartsWith("libgomp", StringComparison.Ordinal));
        if (path is null || !NativeLibrary.TryLoad(path, out var library))
            return null;
        return NativeLibrary.TryGetExport(library, "GOMP_parallel", out var parallel)
            && NativeLibrary.TryGetExport(library, "omp_get_thread_num", out var threadNumber)
            && NativeLibrary.TryGetExport(library, "omp_get_num_threads", out var teamSize)
            ? new Entries(
                (delegate* unmanaged<delegate* unmanaged<nint, void>, nint, uint, uint, void>)parallel,
                (delegate* unmanaged<int>)threadNumber,
                (delegate* unmanaged<int>)teamSize)
            : null;
    }

    private sealed class Entries(
        delegate* unmanaged<delegate* unmanaged<nint, void>, nint, uint, uint, void> parallel,
        delegate* unmanaged<int> threadNumber,
        delegate* unmanaged<int> teamSize)
    {
        // void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags)
        public void Parallel(delegate* unmanaged<nint, void> body, nint data, uint threads, uint flags) =>
            parallel(body, data, threads, flags);

        public int ThreadNumber() => threadNumber();

        public int TeamSize() => teamSize();
    }

    private sealed class Job(Entries entries, long count, Action<long> work)
    {
        public Entries Entries { get; } = entries;
        public long Count { get; } = count;
        public Action<long> Work { get; } = work;
        public Exception? Error;
    }
}
