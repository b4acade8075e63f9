using MinRnnLab.Abstractions;
using MinRnnLab.Worker.Trials;

namespace MinRnnLab.Worker.Tests;

/// <summary>How a worker names the death of a trial process that never said how its attempt ended.</summary>
public class TrialExitTests
{
    private static readonly AttemptUsage Large = new(11_200_000_000, 300), Small = new(410_000_000, 12);

    [Fact]
    public void ASigkillWhileTheCgroupCountedAnOomKillIsTheKernelRunningOutOfMemory() =>
        Assert.Equal("trial process 42 killed by the kernel: out of memory at 11.2 GB",
            TrialExit.Describe(42, 128 + 9, Large, oomKillsBefore: 3, oomKillsAfter: 4, lastError: null));

    [Fact]
    public void ASigkillTheCgroupDidNotCountIsSaidNotToBeTheOomKiller() =>
        Assert.Equal("trial process 42 killed by signal 9 (SIGKILL) at 0.41 GB peak memory, not by the kernel's out-of-memory killer (its cgroup counts no new OOM kill)",
            TrialExit.Describe(42, 128 + 9, Small, oomKillsBefore: 3, oomKillsAfter: 3, lastError: null));

    [Fact]
    public void ASegfaultIsANativeCrashWithWhatTheTrialSaidLast() =>
        Assert.Equal("trial process 7 killed by signal 11 (SIGSEGV: a native crash (segmentation fault)) at 0.41 GB peak memory: Fatal error in THSTensor_numel",
            TrialExit.Describe(7, 128 + 11, Small, null, null, "Fatal error in THSTensor_numel"));

    [Fact]
    public void AnErrorExitNamesItsCodeAndLastLine() =>
        Assert.Equal("trial process 7 exited with code 1: trial failed unexpectedly: ExternalException: you tried to allocate 51200000512 bytes",
            TrialExit.Describe(7, 1, Small, null, null, "trial failed unexpectedly: ExternalException: you tried to allocate 51200000512 bytes"));
}
