using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MinRnnLab.Cli.Benchmarks.Cluster;

/// <summary>
/// A throwaway PostgreSQL for one benchmark: initdb in a temporary folder, on a free port of 127.0.0.1 with trust
/// auth, fsync off (as scripts/test-postgres.sh starts the tests' one). Stopped and deleted on dispose. Needs
/// Debian's postgresql (/usr/lib/postgresql/N/bin); as root it runs as the postgres user, which PostgreSQL requires.
/// </summary>
public sealed class PrivatePostgres : IDisposable
{
    private readonly string bin;
    private readonly string folder;

    private PrivatePostgres(string bin, string folder, int port) => (this.bin, this.folder, Port) = (bin, folder, port);

    public int Port { get; }
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true";

    /// <summary>The postmaster's process id: its children are the server's backends (their CPU is the database's cost).</summary>
    public int ProcessId => int.Parse(File.ReadLines(Path.Combine(folder, "data", "postmaster.pid")).First());

    public static PrivatePostgres Start()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "postgres")))
                .OrderBy(d => d.Length).ThenBy(d => d, StringComparer.Ordinal).LastOrDefault()
            : null;
        if (bin is null)
            throw new InvalidOperationException("no PostgreSQL under /usr/lib/postgresql: install Debian's postgresql, or give --pg CONNECTION");
        var port = FreePort();
        var folder = Path.Combine(Path.GetTempPath(), $"minrnn-bench-pg-{port}");
        Directory.CreateDirectory(folder);
        var server = new PrivatePostgres(bin, folder, port);
        server.AsPostgres("chown", "postgres", folder);
        server.AsPostgres(Path.Combine(bin, "initdb"), "-D", Path.Combine(folder, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8");
        File.AppendAllText(Path.Combine(folder, "data", "postgresql.conf"),
            "listen_addresses = '127.0.0.1'\nmax_connections = 500\nfsync = off\nfull_page_writes = off\n");
        server.PgCtl("start", "-o", $"-p {port} -k {folder}");
        return server;
    }

    public void Dispose()
    {
        try
        {
            PgCtl("stop", "-m", "immediate");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private void PgCtl(params string[] args) =>
        AsPostgres([Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "log"), "-w", "-t", "60", .. args]);

    /// <summary>Runs a program (as the postgres user when this is root; chown only as root); throws with its output when it fails.</summary>
    private void AsPostgres(params string[] command)
    {
        var root = Environment.UserName == "root";
        if (command[0] == "chown" && !root)
            return;
        var info = new ProcessStartInfo(root && command[0] != "chown" ? "runuser" : command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (root && command[0] != "chown")
            foreach (var arg in new[] { "-u", "postgres", "--", command[0] })
                info.ArgumentList.Add(arg);
        foreach (var arg in command.Skip(1))
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{string.Join(' ', command)} failed ({process.ExitCode}): {errors.Result}{output.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
