using System.Runtime.InteropServices;
using MinRnnLab.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
// SIGTERM (kill, docker stop, systemd) stops like Ctrl+C. Without this the embedded host's own handler swallows it:
// it only signals a lifetime nobody waits on, so `serve` kept running.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; cancel.Cancel(); });
return await CommandLine.RunAsync(args, Console.Out, Console.Error, cancel.Token);
