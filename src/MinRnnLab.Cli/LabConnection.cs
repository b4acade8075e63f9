using System.CommandLine;
using System.Data.Common;
using System.Net.Sockets;
using MinRnnLab.Cli.Declarations;
using MinRnnLab.Client;
using MinRnnLab.Hosting;
using MinRnnLab.Training.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MinRnnLab.Cli;

/// <summary>
/// Reaches the platform: a cluster through its PostgreSQL database (`--pg CONNECTION` or MINRNN_CLUSTER), else a
/// running platform through its gateway on localhost (`--gateway PORT`), else an embedded silo started in this
/// process on the data folder (`--data DIR`). Says on stderr which one it talks to.
/// </summary>
public static class LabConnection
{
    public const string ClusterVariable = "MINRNN_CLUSTER";

    public static readonly Option<string> Pg = Declare.Text("--pg", "CONNECTION",
        $"a cluster's PostgreSQL database (Npgsql connection string; else {ClusterVariable})");
    public static readonly Option<int> Gateway = Declare.Count("--gateway", "the platform's gateway port on localhost", 30000, maximum: 65535, helpName: "PORT");
    public static readonly Option<bool> Embedded = Declare.Flag("--embedded", "start a platform in this process even if one answers on the gateway");
    public static readonly Option<string> Data = Declare.Text("--data", "DIR", "an embedded platform's data folder (state, metrics, artifacts)", "data");
    public static readonly Option<string> Artifacts = Declare.Text("--artifacts", "DIR", "an embedded platform's artifacts folder [default: DIR/artifacts]");
    public static readonly Option<string> Devices = Declare.Text("--devices", "LIST", "an embedded platform's device slots, e.g. cpu,cpu,cuda:0", "cpu");
    public static readonly Option<int> Threads = Declare.Count("--threads", "libtorch threads per CPU slot (0: libtorch's default)", 0, minimum: 0,
        maximum: Config.TrainConfig.MaxThreads);
    public static readonly Option<int> SiloPort = Declare.Count("--silo_port", "an embedded platform's silo port", 11111, maximum: 65535, helpName: "PORT");

    /// <summary>What a command that starts a platform of its own takes (serve).</summary>
    public static IEnumerable<Option> ForSilo => [Data, Artifacts, Devices, Threads, Gateway, SiloPort];

    /// <summary>What a command that talks to a platform takes: which one, and how to start one when none answers.</summary>
    public static IEnumerable<Option> ForClient => [Pg, Gateway, Embedded, .. ForSilo.Except([Gateway])];

    public static async Task<(LabClient Client, bool Embedded)> OpenAsync(ParseResult parse, CancellationToken cancel)
    {
        var said = parse.InvocationConfiguration.Error;
        if ((parse.GetValue(Pg) ?? Environment.GetEnvironmentVariable(ClusterVariable)) is { Length: > 0 } cluster)
        {
            var where = $"the cluster in PostgreSQL {Describe(cluster)}";
            said.WriteLine($"platform: {where}");
            return (await Reach(where, () => LabClient.ConnectClusterAsync(cluster, cancel)), false);
        }
        var gateway = parse.GetValue(Gateway);
        var options = Options(parse);
        var embedded = Path.GetFullPath(options.DataFolder);
        if (parse.GetValue(Embedded))
            said.WriteLine($"platform: embedded (--embedded), data folder {embedded}, gateway {gateway}; it runs while this command does");
        else if (await IsListening(gateway))
        {
            said.WriteLine($"platform: the one answering on gateway 127.0.0.1:{gateway}");
            return (await Reach($"gateway 127.0.0.1:{gateway}", () => LabClient.ConnectAsync(gateway, cancel)), false);
        }
        else
            said.WriteLine($"platform: none answers on gateway 127.0.0.1:{gateway}; starting an embedded one on data folder {embedded}, which runs while this command does");
        return (await StartEmbeddedAsync(options, cancel), true);
    }

    /// <summary>The client, or an error that says plainly that no platform answered there (exit 2), and why.</summary>
    private static async Task<LabClient> Reach(string where, Func<Task<LabClient>> connect)
    {
        try
        {
            return await connect();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException($"no platform answers at {where}: {e.Message}", e);
        }
    }

    /// <summary>A silo in this process, without the Orleans notes that mean nothing to a command line's user.</summary>
    public static Task<LabClient> StartEmbeddedAsync(LabOptions options, CancellationToken cancel) =>
        LabClient.StartEmbeddedAsync(options, cancel: cancel, configure: silo => silo.Services.AddLogging(logging => logging
            // "Silo not running with ServerGC": the CLI runs workstation GC on purpose (trial processes are its children).
            .AddFilter("Orleans.Runtime.Silo", LogLevel.Error)
            // "Participant check thread has not completed …": the watchdog's first check, timed from the process start.
            .AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error)));

    public static LabOptions Options(ParseResult parse) => new()
    {
        DataFolder = parse.GetValue(Data) ?? "data",
        ArtifactsFolder = parse.GetValue(Artifacts),
        CorpusPath = Environment.GetEnvironmentVariable(Corpus.EnvironmentVariable),
        Devices = (parse.GetValue(Devices) ?? "cpu").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
        CpuThreads = parse.GetValue(Threads),
        GatewayPort = parse.GetValue(Gateway),
        SiloPort = parse.GetValue(SiloPort),
        TrialShutdownGrace = TrialGrace(GracefulStop.Grace),
    };

    /// <summary>
    /// What a trial gets to checkpoint and stop when the command's own stop grace (MINRNN_STOP_GRACE) is longer than
    /// the default: all of it but the hand-back, so a long grace given to `serve` reaches the trials it is for.
    /// </summary>
    public static TimeSpan TrialGrace(TimeSpan stopGrace)
    {
        var trial = stopGrace - TimeSpan.FromSeconds(15);
        var standard = new LabOptions().TrialShutdownGrace;
        return trial > standard ? trial : standard;
    }

    /// <summary>Host and database of a connection string: never its password.</summary>
    private static string Describe(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        string Part(string key) => builder.TryGetValue(key, out var value) ? $"{value}" : "?";
        return $"host {Part("Host")}, database {Part("Database")}";
    }

    private static async Task<bool> IsListening(int port)
    {
        using var socket = new TcpClient();
        try
        {
            await socket.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(1));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }
}
