using System.Runtime.InteropServices;

namespace MinRnnLab.Worker.Trials;

/// <summary>
/// Fault injection, off unless asked for: with <see cref="Variable"/>=1 in its environment a trial process crashes in
/// native code when it receives SIGUSR1, as it would if libtorch read a freed tensor. The tests that show a native
/// crash ends its trial alone need a real one: the .NET runtime ignores a SIGSEGV sent with `kill`, which no faulting
/// instruction raised.
/// </summary>
public static class CrashDrill
{
    public const string Variable = "MINRNN_TRIAL_CRASH_DRILL";
    public const int Sigusr1 = 10;

    /// <summary>Installs the SIGUSR1 handler when the drill is asked for; dispose to remove it.</summary>
    public static IDisposable? Arm() => Environment.GetEnvironmentVariable(Variable) == "1" && !OperatingSystem.IsWindows()
        ? PosixSignalRegistration.Create((PosixSignal)Sigusr1, _ => CrashInNativeCode())
        : null;

    // strlen reads from address 1: a segmentation fault inside libc, outside managed code, so no NullReferenceException.
    private static void CrashInNativeCode() => strlen(1);

    // DllImport rather than LibraryImport, which would need unsafe code enabled for the project.
    [DllImport("libc")]
    private static extern nint strlen(nint text);
}
