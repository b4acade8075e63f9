using System.Runtime.InteropServices;

namespace MinRnnLab.Training;

/// <summary>
/// The C allocator that libtorch's CPU tensors come from, on glibc Linux. Freed blocks stay in its arenas for
/// reuse, so the process RSS can grow while the live tensors stay the same: <see cref="Stats"/> tells that
/// apart from a leak (in-use flat, free-but-held growing), and <see cref="Trim"/> returns the held pages to the
/// OS. Everything here is a no-op (null / false) on other C libraries.
/// </summary>
public static class GlibcAllocator
{
    /// <summary>malloc_trim(0): releases free memory at the top of the heap and free pages inside every arena.</summary>
    public static bool Trim()
    {
        try
        {
            return malloc_trim(0) != 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;                                                               // not glibc: nothing to trim
        }
    }

    /// <summary>Bytes the allocator holds, summed over all arenas (glibc ≥ 2.33), or null.</summary>
    public static AllocatorStats? Stats()
    {
        try
        {
            var info = mallinfo2();
            return new AllocatorStats((long)(info.uordblks + info.hblkhd), (long)info.fordblks, (long)info.hblkhd);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    // DllImport rather than LibraryImport, which would need unsafe code enabled for the project.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallInfo2 mallinfo2();

    // struct mallinfo2 from <malloc.h>: ten size_t fields in this order.
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct MallInfo2
    {
        public readonly nuint arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
    }
}

/// <param name="InUseBytes">Allocated and not yet freed (heap chunks + mmapped blocks): what a leak grows.</param>
/// <param name="FreeHeldBytes">Freed but kept in the arenas for reuse: what fragmentation and caching grow.</param>
/// <param name="MmappedBytes">The part of InUseBytes in separately mmapped blocks (returned to the OS on free).</param>
public sealed record AllocatorStats(long InUseBytes, long FreeHeldBytes, long MmappedBytes);
