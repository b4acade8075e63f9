namespace MinRnnLab.Training.Tests;

public class GlibcAllocatorTests
{
    // mallopt refuses an mmap threshold above 32 MiB on 64-bit; a refused value would leave glibc's defaults in place
    // (the faults this is measured against are in GlibcAllocator's summary and docs/results/perf.md).
    [Fact]
    public void GlibcAcceptsTheReuseThresholds() => Assert.True(GlibcAllocator.KeepFreedMemoryForReuse());
}
