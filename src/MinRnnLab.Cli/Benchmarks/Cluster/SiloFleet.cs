using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MinRnnLab.Cli.Benchmarks.Cluster;

/// <summary>How every silo of a benchmark is set up: its slots, how long a simulated step takes, its lease.</summary>
public sealed record SiloSetup(string SiloAssembly, string ConnectionString, int Slots, TimeSpan StepTime, TimeSpan LeaseDuration, string Folder);

/// <summary>
/// K real MinRnnLab.Silo processes on one PostgreSQL, each with D slots of the paced (simulated) executor, configured
/// as an operator would (Lab__* environment variables). A silo can be killed with SIGKILL and started again in its
/// place; each keeps the CPU seconds and peak memory of all its incarnations.
/// </summary>
public sealed class SiloFleet(SiloSetup setup) : IDisposable
{
    private readonly List<Member> members = [];

    public IReadOnlyList<Member> Members => members;

    /// <summary>One silo's place in the fleet, across its incarnations (a kill -9 and a restart is a new process).</summary>
    public sealed class Member(int index)
    {
        public int Index { get; } = index;
        public Process? Process { get; set; }
        public int SiloPort { get; set; }
        public int GatewayPort { get; set; }
        /// <summary>The running (or last) incarnation's output.</summary>
        public string LogFile { get; set; } = "";
        public int Incarnations { get; set; }
        /// <summary>CPU seconds of the incarnations that were killed (the running one is read from /proc).</summary>
        public double EarlierCpuSeconds { get; set; }
        public double PeakMb { get; set; }

        public double CpuSeconds => EarlierCpuSeconds + (Process is { } p ? ProcessUsage.CpuSeconds(p.Id) : 0);

        /// <summary>Reads the running incarnation's memory; its peak is kept past a kill.</summary>
        public double SampleMemory()
        {
            if (Process is not { } p)
                return 0;
            var (rss, peak) = ProcessUsage.Memory(p.Id);
            PeakMb = Math.Max(PeakMb, peak);
            return rss;
        }
    }

    public void StartAll(int silos)
    {
        for (var i = 0; i < silos; i++)
        {
            members.Add(new Member(i));
            Start(members[i]);
        }
    }

    /// <summary>kill -9: no shutdown, its leases left to expire. Returns the killed process id (workers name it).</summary>
    public int Kill(Member member)
    {
        var process = member.Process ?? throw new InvalidOperationException($"silo {member.Index} is not running");
        member.SampleMemory();
        member.EarlierCpuSeconds += ProcessUsage.CpuSeconds(process.Id);               // read before the kill: /proc forgets it
        var pid = process.Id;
        process.Kill();                                                                 // SIGKILL on Linux
        process.WaitForExit();
        process.Dispose();
        member.Process = null;
        return pid;
    }

    /// <summary>
    /// Starts a new incarnation of the silo at its address, as a host's service manager would restart it: when the new
    /// incarnation joins, Orleans retires the old one at once. On a fresh address the others must first vote the old
    /// one dead (about three probe timeouts), and a joining silo waits for every silo still listed as active: on 2
    /// silos, a kill every 15 s outran that and the cluster stopped making progress. Fresh ports only when the old ones
    /// cannot be bound again.
    /// </summary>
    public void Start(Member member)
    {
        var silo = Reusable(member.SiloPort) ?? FreePort();
        var gateway = Reusable(member.GatewayPort) ?? FreePort();
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = false, RedirectStandardError = false };
        // exec: the silo keeps bash's process id, so kill -9 reaches it; its log goes to a file, not a pipe to drain.
        var log = Path.Combine(setup.Folder, $"silo{member.Index}.{member.Incarnations}.log");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"exec dotnet \"$0\" >\"$1\" 2>&1");
        info.ArgumentList.Add(setup.SiloAssembly);
        info.ArgumentList.Add(log);
        foreach (var (key, value) in Settings(member, silo, gateway))
            info.Environment[key] = value;
        member.Process = Process.Start(info)!;
        member.LogFile = log;
        (member.SiloPort, member.GatewayPort) = (silo, gateway);
        member.Incarnations++;
    }

    private Dictionary<string, string> Settings(Member member, int siloPort, int gatewayPort)
    {
        var settings = new Dictionary<string, string>
        {
            ["Lab__Storage"] = "postgres",
            ["Lab__ConnectionString"] = setup.ConnectionString,
            ["Lab__DataFolder"] = Path.Combine(setup.Folder, $"silo{member.Index}"),
            ["Lab__ArtifactsFolder"] = Path.Combine(setup.Folder, "artifacts"),
            ["Lab__Executor"] = "paced",
            ["Lab__PacedStepTime"] = setup.StepTime.ToString("c", CultureInfo.InvariantCulture),
            ["Lab__LeaseDuration"] = setup.LeaseDuration.ToString("c", CultureInfo.InvariantCulture),
            ["Lab__PollInterval"] = "00:00:00.200",
            ["Lab__AdvertisedIp"] = "127.0.0.1",
            ["Lab__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Lab__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",                                 // one line per trial would be the benchmark's own cost
            ["DOTNET_gcServer"] = "0",
        };
        for (var slot = 0; slot < setup.Slots; slot++)
            settings[$"Lab__Devices__{slot}"] = "cpu";
        return settings;
    }

    public void Dispose()
    {
        foreach (var member in members.Where(m => m.Process is not null))
            Kill(member);
    }

    /// <summary>The port, if this incarnation's predecessor had one and it can be bound now; null otherwise.</summary>
    private static int? Reusable(int port)
    {
        if (port == 0)
            return null;
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return port;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
