namespace MinRnnLab.Worker.Trials;

/// <summary>
/// How many processes of this silo's memory cgroup the kernel's out-of-memory killer has killed: a trial is in its
/// worker's cgroup, so a count that went up while a trial died of SIGKILL says the kernel killed it for memory.
/// Reads cgroup v2's memory.events or v1's memory.oom_control (both count global and cgroup OOM kills).
/// </summary>
public static class OomKills
{
    /// <summary>The count now; null where no cgroup file says (not Linux, or a kernel before 4.13).</summary>
    public static long? Read()
    {
        foreach (var file in Candidates())
        {
            try
            {
                foreach (var line in File.ReadLines(file))
                {
                    if (line.StartsWith("oom_kill ", StringComparison.Ordinal) && long.TryParse(line[9..], out var count))
                        return count;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not this layout: try the next.
            }
        }
        return null;
    }

    /// <summary>This process's cgroup under each hierarchy, then the hierarchy's root (a container sees its own cgroup there).</summary>
    private static IEnumerable<string> Candidates()
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines("/proc/self/cgroup");                             // "0::/path" (v2), "4:memory:/path" (v1)
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        foreach (var parts in lines.Select(l => l.Split(':', 3)).Where(p => p.Length == 3))
        {
            if (parts[0] == "0")
            {
                yield return $"/sys/fs/cgroup{parts[2].TrimEnd('/')}/memory.events";
                yield return "/sys/fs/cgroup/memory.events";
            }
            else if (parts[1].Split(',').Contains("memory"))
            {
                yield return $"/sys/fs/cgroup/memory{parts[2].TrimEnd('/')}/memory.oom_control";
                yield return "/sys/fs/cgroup/memory/memory.oom_control";
            }
        }
    }
}
