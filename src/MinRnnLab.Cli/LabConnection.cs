using System.Net.Sockets;
using MinRnnLab.Client;
using MinRnnLab.Hosting;
using MinRnnLab.Training.Data;

namespace MinRnnLab.Cli;

/// <summary>
/// Reaches the platform: a running one through its gateway on localhost (`--gateway PORT`, default 30000), or
/// else an embedded silo started in this process on the data folder (`--data DIR`, default "data").
/// A cluster is reached through its PostgreSQL database instead: `--pg CONNECTION` or MINRNN_CLUSTER.
/// </summary>
public static class LabConnection
{
    public static readonly string[] OwnOptions = ["gateway", "silo_port", "data", "devices", "threads", "embedded", "pg"];

    public static async Task<(LabClient Client, bool Embedded)> OpenAsync(ParsedArgs args, CancellationToken cancel)
    {
        if ((args.Get("pg") ?? Environment.GetEnvironmentVariable("MINRNN_CLUSTER")) is { Length: > 0 } cluster)
            return (await LabClient.ConnectClusterAsync(cluster, cancel), false);
        var gateway = args.GetInt("gateway", 30000);
        if (!args.Flag("embedded") && await IsListening(gateway))
            return (await LabClient.ConnectAsync(gateway, cancel), false);
        return (await LabClient.StartEmbeddedAsync(Options(args), cancel: cancel), true);
    }

    public static LabOptions Options(ParsedArgs args) => new()
    {
        DataFolder = args.Get("data") ?? "data",
        CorpusPath = Environment.GetEnvironmentVariable(Corpus.EnvironmentVariable),
        Devices = (args.Get("devices") ?? "cpu").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
        CpuThreads = args.GetInt("threads", 0),
        GatewayPort = args.GetInt("gateway", 30000),
        SiloPort = args.GetInt("silo_port", 11111),
    };

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
