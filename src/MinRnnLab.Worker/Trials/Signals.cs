using System.Runtime.InteropServices;

namespace MinRnnLab.Worker.Trials;

/// <summary>POSIX signals a worker sends its trial processes, and the names of those that end one.</summary>
public static class Signals
{
    public const int Kill = 9, Term = 15;

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/>; false when it is gone (or this is not Linux/macOS).</summary>
    public static bool Send(int pid, int signal) => !OperatingSystem.IsWindows() && kill(pid, signal) == 0;

    /// <summary>"SIGKILL", "SIGSEGV: a native crash", …: the name, and what it usually means for a trial.</summary>
    public static string Describe(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL: an illegal instruction in native code",
        6 => "SIGABRT: native code aborted",
        7 => "SIGBUS: a native crash (bus error)",
        8 => "SIGFPE: a native arithmetic fault",
        9 => "SIGKILL",
        11 => "SIGSEGV: a native crash (segmentation fault)",
        13 => "SIGPIPE",
        15 => "SIGTERM",
        _ => $"signal {signal}",
    };

    // DllImport rather than LibraryImport, which would need unsafe code enabled for the project.
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
