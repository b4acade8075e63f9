using System.Globalization;
using System.Runtime.InteropServices;

namespace MinRnnLab.Cli;

/// <summary>
/// How Ctrl+C and SIGTERM stop a command. The first asks it to stop (the token is cancelled: training checkpoints,
/// `serve` hands its runs back) and gives it <see cref="Grace"/> to do so; a command still running by then, or a
/// second signal, ends the process at once. So every command stops within its grace period, whatever state it is
/// in, including one stuck in a call that does not observe the token.
/// </summary>
public sealed class GracefulStop(CancellationTokenSource cancel, TextWriter errors)
{
    /// <summary>Overrides <see cref="Grace"/> in seconds (e.g. for a silo whose step plus checkpoint takes longer).</summary>
    public const string GraceVariable = "MINRNN_STOP_GRACE";

    /// <summary>
    /// Room for one paper-size training step to finish and its checkpoint to be written (about 10 s on a 2-core CPU),
    /// with a margin, and under the 25 s an embedded host waits for its slots to hand their runs back.
    /// </summary>
    public static TimeSpan Grace { get; } = ReadGrace();

    private int requests;

    /// <summary>Called from a signal handler: returns at once, and exits the process only after the grace period.</summary>
    public void Request(string signal, int exitCode)
    {
        if (Interlocked.Increment(ref requests) > 1)
        {
            errors.WriteLine($"{signal} again: exiting now");
            ExitNow(exitCode);
        }
        errors.WriteLine($"{signal}: stopping (up to {Grace.TotalSeconds:F0} s; send it again to exit now)");
        _ = Task.Run(async () =>
        {
            await cancel.CancelAsync();
            await Task.Delay(Grace);
            errors.WriteLine($"did not stop within {Grace.TotalSeconds:F0} s of {signal}: exiting");
            ExitNow(exitCode);
        });
    }

    /// <summary>
    /// Ends the process without running the native libraries' exit handlers: with a libtorch kernel still running on
    /// another thread, tearing its thread pool down under it crashed the exit (SIGSEGV, 139, instead of the signal's code).
    /// </summary>
    private void ExitNow(int exitCode)
    {
        errors.Flush();
        Console.Out.Flush();
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            PosixExit(exitCode);
        Environment.Exit(exitCode);
    }

    // DllImport rather than LibraryImport, which would need unsafe code enabled for the project.
    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void PosixExit(int status);

    private static TimeSpan ReadGrace() =>
        double.TryParse(Environment.GetEnvironmentVariable(GraceVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(30);
}
