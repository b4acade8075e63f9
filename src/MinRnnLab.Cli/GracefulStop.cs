using System.Globalization;

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
            Environment.Exit(exitCode);
        }
        errors.WriteLine($"{signal}: stopping (up to {Grace.TotalSeconds:F0} s; send it again to exit now)");
        _ = Task.Run(async () =>
        {
            await cancel.CancelAsync();
            await Task.Delay(Grace);
            errors.WriteLine($"did not stop within {Grace.TotalSeconds:F0} s of {signal}: exiting");
            Environment.Exit(exitCode);
        });
    }

    private static TimeSpan ReadGrace() =>
        double.TryParse(Environment.GetEnvironmentVariable(GraceVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(30);
}
