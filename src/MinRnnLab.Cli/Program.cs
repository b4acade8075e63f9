using System.Runtime.InteropServices;
using MinRnnLab.Cli;
using MinRnnLab.Cli.Commands;

// A trial process answers to the device worker that started it, not to a terminal: its signals mean what TrialCommand
// says. Taken before the command tree is built: a trial's start time is on every run's critical path (bench trial).
if (args is ["trial"])
    return TrialCommand.Run();

using var cancel = new CancellationTokenSource();
var stop = new GracefulStop(cancel, Console.Error);
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Request("Ctrl+C", 130); };
// SIGTERM (kill, docker stop, systemd) stops like Ctrl+C. Without this the embedded host's own handler swallows it:
// it only signals a lifetime nobody waits on, so `serve` kept running.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Request("SIGTERM", 143); });
PipedOutput.KeepTablesWhole();
return await CommandLine.RunAsync(args, Console.Out, Console.Error, cancel.Token);
