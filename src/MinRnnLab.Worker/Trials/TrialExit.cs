using System.Globalization;
using MinRnnLab.Abstractions;

namespace MinRnnLab.Worker.Trials;

/// <summary>
/// Names how a trial process died without saying how its attempt ended, as far as its worker can tell: the signal
/// (.NET reports a process killed by signal N as exit code 128 + N; a trial never exits with such a code itself),
/// whether the kernel's out-of-memory killer sent it, its peak memory, and the last line it wrote to stderr.
/// </summary>
public static class TrialExit
{
    // A SIGKILL'd trial that held at least this share of the memory the runtime may use (the cgroup's limit, or the
    // machine's) is most likely the OOM killer's, when the cgroup cannot say.
    private const double LikelyOomShare = 0.5;

    /// <param name="oomKillsBefore">The cgroup's OOM kill count when the trial started (<see cref="OomKills"/>); null if unknown.</param>
    /// <param name="lastError">The trial's last line on stderr, if any: an abort's message, an unexpected exception.</param>
    public static string Describe(int pid, int exitCode, AttemptUsage usage, long? oomKillsBefore, long? oomKillsAfter, string? lastError)
    {
        var memory = Gigabytes(usage.PeakMemoryBytes);
        var cause = exitCode is > 128 and < 128 + 65 ? Killed(exitCode - 128, usage, memory, oomKillsBefore, oomKillsAfter)
            : exitCode == 0 ? "exited (code 0) without saying how its attempt ended"
            : $"exited with code {exitCode}";
        var said = lastError is { Length: > 0 } line ? $": {Shorten(line)}" : "";
        return $"trial process {pid} {cause}{said}";
    }

    private static string Killed(int signal, AttemptUsage usage, string memory, long? before, long? after)
    {
        if (signal != Signals.Kill)
            return $"killed by signal {signal} ({Signals.Describe(signal)}) at {memory} peak memory";
        if (before is { } b && after is { } a)
            return a > b
                ? $"killed by the kernel: out of memory at {memory}"
                : $"killed by signal 9 (SIGKILL) at {memory} peak memory, not by the kernel's out-of-memory killer (its cgroup counts no new OOM kill)";
        var limit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return usage.PeakMemoryBytes >= LikelyOomShare * limit
            ? $"killed by signal 9 (SIGKILL) at {memory} peak memory of {Gigabytes(limit)}: most likely by the kernel for lack of memory (its cgroup's OOM count is unreadable)"
            : $"killed by signal 9 (SIGKILL) at {memory} peak memory";
    }

    /// <summary>"11.2 GB", "0.41 GB": peak memory as people read it.</summary>
    public static string Gigabytes(long bytes) =>
        (bytes / 1e9).ToString(bytes >= 10e9 ? "F1" : "F2", CultureInfo.InvariantCulture) + " GB";

    // A reason is one line of a table: a runaway message (a native stack in one line) must not become the run's state.
    private static string Shorten(string line) => line.Length <= 300 ? line.Trim() : line[..300].Trim() + "…";
}
