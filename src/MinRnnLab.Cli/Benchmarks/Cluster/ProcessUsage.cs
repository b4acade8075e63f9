using System.Globalization;

namespace MinRnnLab.Cli.Benchmarks.Cluster;

/// <summary>
/// What Linux's /proc says about processes and the machine: CPU seconds used (user + system), resident memory, the
/// machine's busy CPU seconds and its load average. Linux only; elsewhere every reading is 0.
/// </summary>
public static class ProcessUsage
{
    private const double TicksPerSecond = 100;                                         // USER_HZ: 100 on every Linux the lab runs on

    /// <summary>CPU seconds the process has used; 0 when it is gone.</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        if (stat is null)
            return 0;
        // The fields after the ")" that closes the command name: state is field 3, utime 14 and stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>Resident memory now and at its peak (VmRSS, VmHWM), in MB; 0 when it is gone.</summary>
    public static (double RssMb, double PeakMb) Memory(int pid)
    {
        var lines = Read($"/proc/{pid}/status")?.Split('\n') ?? [];
        double Kb(string key) => lines.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal)) is { } line
            ? double.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) : 0;
        return (Kb("VmRSS:") / 1024, Kb("VmHWM:") / 1024);
    }

    /// <summary>The process and its children (a PostgreSQL server's backends): their CPU seconds together.</summary>
    public static double TreeCpuSeconds(int pid) =>
        CpuSeconds(pid) + Children(pid).Sum(CpuSeconds);

    /// <summary>(busy, total) CPU seconds of the whole machine since boot, from the first line of /proc/stat.</summary>
    public static (double Busy, double Total) MachineCpuSeconds()
    {
        var line = Read("/proc/stat")?.Split('\n')[0];
        if (line is null)
            return (0, 0);
        var ticks = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var idle = ticks[3] + ticks[4];                                                 // idle + iowait
        var total = ticks.Take(8).Sum();                                                // guest time is already in user
        return ((total - idle) / TicksPerSecond, total / TicksPerSecond);
    }

    /// <summary>The 1-minute load average.</summary>
    public static double LoadAverage() =>
        Read("/proc/loadavg") is { } text ? double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture) : 0;

    private static IEnumerable<int> Children(int pid) =>
        Directory.Exists("/proc")
            ? Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)).Select(n => int.Parse(n!, CultureInfo.InvariantCulture))
                .Where(child => ParentOf(child) == pid)
            : [];

    private static int ParentOf(int pid) =>
        Read($"/proc/{pid}/status")?.Split('\n').FirstOrDefault(l => l.StartsWith("PPid:", StringComparison.Ordinal)) is { } line
            ? int.Parse(line[5..].Trim(), CultureInfo.InvariantCulture) : -1;

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;                                                                // the process exited meanwhile
        }
    }
}
