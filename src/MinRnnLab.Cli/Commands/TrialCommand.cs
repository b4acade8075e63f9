using System.CommandLine;
using MinRnnLab.Training.Runs;
using System.Runtime.InteropServices;
using System.Text;
using MinRnnLab.Worker.Trials;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn trial`: not for people, so hidden from the help. A silo's device worker starts it for one attempt at a
/// run and talks to it over stdin and stdout (<see cref="TrialEvent"/>); see <see cref="TrialChild"/>. Its signals
/// are its worker's to give meaning to, so it does not share the other commands' Ctrl+C handling.
/// </summary>
public static class TrialCommand
{
    /// <summary>
    /// Declared so that the tree knows the word (`trial x` is an error, not an unknown command). Program.cs runs the
    /// exact `minrnn trial` line itself, before any of the other commands' signal handling is installed.
    /// </summary>
    public static Command Create()
    {
        var command = new Command("trial", "the trial process a device worker starts (JSON lines on stdin and stdout)") { Hidden = true };
        command.SetAction(_ => Run());
        return command;
    }

    public static int Run()
    {
        using var terminate = new CancellationTokenSource();
        // SIGTERM: checkpoint and stop, however often it comes (its worker and systemd stopping the group may both send it).
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            terminate.Cancel();
        });
        // SIGINT: ignored. A Ctrl+C in the silo's terminal reaches every process of the group; the silo decides what it
        // means for its trials (it checkpoints them: SIGTERM).
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
        using var drill = CrashDrill.Arm();
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var protocol = new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = false };
        Console.SetOut(Console.Error);                                                  // a stray Console.Write must not break the pipe
        try
        {
            return TrialChild.Run(new StreamReader(Console.OpenStandardInput(), utf8), protocol, terminate.Token);
        }
        catch (Exception e)
        {
            // The worker names the cause from this process's exit code and last line on stderr: one line, the trace before it.
            Console.Error.WriteLine(e.ToString());
            Console.Error.WriteLine($"trial failed unexpectedly: {FailureText.OneLine(e)}");
            return 1;
        }
    }
}
