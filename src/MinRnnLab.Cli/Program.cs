using System.Runtime.InteropServices;
using MinRnnLab.Cli;
using MinRnnLab.Cli.Commands;
using MinRnnLab.Training.Config;
using MinRnnLab.Training.Data;
using MinRnnLab.Training.Trainer;

const string usage = """
    usage: minrnn <command> [options]
      train        [--preset NAME] [--config FILE] [--resume] [--key value ...]   train a model
      sample       --checkpoint DIR [--prompt TEXT] [--tokens N] [--temperature T] [--top_k K]
      bench train  [--preset NAME] [--iters N] [--key value ...]                  ms/iter and MFU
      bench scan   [--hidden H] [--batch B] [--lengths 64,512,...] [--reps N] [--warmup N]
                   [--threads N] [--budget SECONDS] [--data DIR] [--out DIR]      Figure 1: time and memory per model and T,
                                                                                  each run kept in <data>/benchmarks for the web UI
      bench memory [--preset NAME] [--at 100,2000] [--key value ...]                RSS, heap, tensors at given steps
      sweep validate FILE                                                         check a sweep file, list its trials
      sweep submit FILE [--watch]                                                 submit (embedded platform if none is running)
      sweep list | status ID | watch ID | cancel ID | pause ID | resume ID        manage sweeps
      sweep report ID [--out DIR]                                                 results table + per-architecture summary
      sweep logs RUN_ID [--lines N] [--data DIR]                                  the last lines of a run's log
      serve        [--data DIR] [--devices cpu,cuda:0] [--threads N]              run the platform headless until Ctrl+C
      bench orchestration [--trials N] [--parallel N] [--storage sqlite|postgres --pg CONN]  queue/lease/grain overhead, no-op trainer
      cluster      [--pg CONNECTION]                                              silos, their devices, what each trains, queue depth
      keys                                                                        config keys and presets
    """;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
// SIGTERM (kill, docker stop, systemd) stops like Ctrl+C. Without this the embedded host's own handler swallows it:
// it only signals a lifetime nobody waits on, so `serve` kept running.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; cancel.Cancel(); });
var parsed = ParsedArgs.Parse(args);
try
{
    return parsed.Positional switch
    {
        ["train", ..] => await TrainCommand.RunAsync(parsed, cancel.Token),
        ["sample", ..] => SampleCommand.Run(parsed),
        ["bench", "train", ..] => await BenchTrainCommand.RunAsync(parsed, cancel.Token),
        ["bench", "scan", ..] => BenchScanCommand.Run(parsed),
        ["bench", "memory", ..] => await BenchMemoryCommand.RunAsync(parsed, cancel.Token),
        ["sweep", "validate", ..] => SweepValidateCommand.Run(parsed, Console.Out, Console.Error),
        ["sweep", "watch", ..] => await SweepWatchCommand.RunAsync(parsed, cancel.Token),
        ["sweep", "report", ..] => await SweepReportCommand.RunAsync(parsed, cancel.Token),
        ["sweep", "logs", ..] => SweepLogsCommand.Run(parsed, Console.Out, Console.Error),
        ["sweep", "submit" or "list" or "status" or "cancel" or "pause" or "resume", ..] => await SweepCommands.RunAsync(parsed, cancel.Token),
        ["serve", ..] => await ServeCommand.RunAsync(parsed, cancel.Token),
        ["bench", "orchestration", ..] => await BenchOrchestrationCommand.RunAsync(parsed),
        ["keys", ..] => KeysCommand.Run(),
        ["cluster", ..] => await ClusterCommand.RunAsync(parsed, cancel.Token),
        _ => throw new UsageException(parsed.Positional.Count == 0 ? "no command given" : $"unknown command '{string.Join(' ', parsed.Positional)}'"),
    };
}
catch (Exception e) when (e is UsageException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(usage);
    return 2;
}
// IOException covers a full disk: the message names the path, and checkpoints are swapped in by rename, so the last good one survives.
catch (Exception e) when (e is ConfigException or CorpusException or ArgumentException or IOException or InvalidOperationException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
catch (DivergedException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 3;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("cancelled; resume with --resume from the last checkpoint");
    return 130;
}
