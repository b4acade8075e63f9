using System.Diagnostics;

namespace MinRnnLab.Grains;

/// <summary>
/// Fault injection for the test of an interrupted delete, off unless asked for: with <see cref="Variable"/>=N in its
/// environment the silo process kills itself (SIGKILL: no shutdown, no flush) right after it has deleted the Nth run of
/// a delete, so a restarted silo must finish a delete whose first runs are gone and whose others are not.
/// </summary>
internal static class DeleteDrill
{
    public const string Variable = "MINRNN_DELETE_DRILL_KILL_AFTER_RUNS";
    private static readonly int KillAfter = int.TryParse(Environment.GetEnvironmentVariable(Variable), out var n) ? n : 0;
    private static int deleted;

    public static void RunDeleted()
    {
        if (KillAfter > 0 && Interlocked.Increment(ref deleted) == KillAfter)
            Process.GetCurrentProcess().Kill();
    }
}
