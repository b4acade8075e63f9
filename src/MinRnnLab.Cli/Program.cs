using System.Runtime.InteropServices;
using MinRnnLab.Cli;

using var cancel = new CancellationTokenSource();
var stop = new GracefulStop(cancel, Console.Error);
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Request("Ctrl+C", 130); };
// SIGTERM (kill, docker stop, systemd) stops like Ctrl+C. Without this the embedded host's own handler swallows it:
// it only signals a lifetime nobody waits on, so `serve` kept running.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Request("SIGTERM", 143); });
return await CommandLine.RunAsync(args, Console.Out, Console.Error, cancel.Token);
