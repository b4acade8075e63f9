using System.CommandLine;
using System.Globalization;
using MinRnnLab.Cli.Declarations;
using MinRnnLab.Hosting;
using MinRnnLab.Cli.Benchmarks;
using MinRnnLab.Worker;
using MinRnnLab.Training.Benchmarks;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn bench queue [--queued 1000] [--held 100,1000] [--callers 32] [--seconds 10] [--gateway PORT] [--silo_port PORT] [--out DIR]`: the leases and
/// renewals per second the cluster's run queue (its 8 shard grains) sustains, a fresh embedded silo (SQLite) per row.
/// </summary>
public static class BenchQueueCommand
{
    private static readonly Option<int> Queued = Declare.Count("--queued", "runs waiting in the queue", 1000);
    private static readonly Option<IReadOnlyList<int>> Held = Declare.PositiveList("--held", "leases held while it runs, a row each [default: 100,1000]");
    private static readonly Option<int> Callers = Declare.Count("--callers", "concurrent callers (workers)", 32);
    private static readonly Option<double> Seconds = Declare.Number("--seconds", "how long each measurement runs", 10, above: 0, helpName: "S");
    private static readonly Option<string> Out = Declare.Text("--out", "DIR", "where queue.{json,csv,md} go", "bench");

    public static Command Create()
    {
        var command = new Command("queue", "the run queue's ceiling: leases and renewals per second")
        {
            Queued, Held, Callers, Seconds, LabConnection.Gateway, LabConnection.SiloPort, Out,
        };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancel)
    {
        var rows = new List<QueueBenchmarkResult>();
        foreach (var held in parse.GetValue(Held) ?? [100, 1000])
        {
            var options = new LabOptions
            {
                DataFolder = Path.Combine(Path.GetTempPath(), $"minrnn-queue-{Guid.NewGuid():N}"),
                Executor = ExecutorKind.Noop,                                           // its one slot polls "cpu" and finds nothing
                GatewayPort = parse.GetValue(LabConnection.Gateway),
                SiloPort = parse.GetValue(LabConnection.SiloPort),
                AdvertisedIp = "127.0.0.1",
            };
            try
            {
                var progress = new Progress<string>(AnsiConsole.WriteLine);
                var row = await QueueBenchmark.RunAsync(options, parse.GetValue(Queued), held, parse.GetValue(Callers), parse.GetValue(Seconds), progress, cancel);
                AnsiConsole.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "queue of {0:N0}, {1:N0} leases held: {2:F0} leases/s, {3:F0} renewals/s, {4:N0} bytes per state write",
                    row.Queued, row.Held, row.LeasesPerSecond, row.RenewalsPerSecond, row.BytesPerWrite));
                rows.Add(row);
            }
            finally
            {
                Directory.Delete(options.DataFolder, recursive: true);                 // also when stopped: it is a temp folder
            }
        }
        AnsiConsole.WriteLine($"wrote {string.Join(", ", BenchmarkFiles.Write(parse.GetValue(Out)!, "queue", rows))}");
        return 0;
    }
}
