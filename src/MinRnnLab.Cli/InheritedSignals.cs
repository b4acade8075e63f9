using System.Globalization;

namespace MinRnnLab.Cli;

/// <summary>
/// Signal dispositions this process inherited. A non-interactive shell starts background commands (`cmd &`) with
/// SIGINT ignored, and .NET keeps an inherited ignore (so that its own children stay protected too): such a process
/// never sees Ctrl+C or `kill -INT`, and only SIGTERM stops it.
/// </summary>
public static class InheritedSignals
{
    private const int SigInt = 2;

    /// <summary>True when SIGINT is ignored (read from /proc/self/status; false where there is no /proc).</summary>
    public static bool SigIntIgnored()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
            return false;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null
               && ulong.TryParse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask)
               && (mask & (1UL << (SigInt - 1))) != 0;
    }
}
