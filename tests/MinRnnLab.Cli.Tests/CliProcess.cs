using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MinRnnLab.Cli.Tests;

/// <summary>A real `minrnn` process (the build beside these tests), its output collected line by line.</summary>
public sealed class CliProcess : IDisposable
{
    private readonly ConcurrentQueue<string> lines = new();
    private readonly Process process;

    private CliProcess(Process process) => this.process = process;

    public int Id => process.Id;
    public string Output => string.Join('\n', lines);
    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;

    public static CliProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "minrnn.dll"));
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["MINRNN_DATA"] = MinRnnLab.Tests.Shared.TestCorpus.FilePath;
        var started = new CliProcess(Process.Start(info)!);
        // Drain both pipes so a full one never blocks the process; echo to the test log.
        started.process.OutputDataReceived += (_, e) => started.Collect(e.Data);
        started.process.ErrorDataReceived += (_, e) => started.Collect(e.Data);
        started.process.BeginOutputReadLine();
        started.process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits until a line containing <paramref name="text"/> appears; throws if the process exits first.</summary>
    public async Task WaitForLine(string text, int seconds = 180)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"minrnn exited ({process.ExitCode}) before printing '{text}':\n{Output}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"no line with '{text}' within {seconds} s:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits for the process to exit and returns its exit code; after <paramref name="seconds"/> throws with what the
    /// process printed, since that is the only record of why it did not stop.
    /// </summary>
    public async Task<int> WaitForExit(int seconds = 180)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"minrnn (pid {process.Id}) still running {seconds} s later:\n{Output}");
        }
        process.WaitForExit();                                                          // flushes the redirected output
        return process.ExitCode;
    }

    /// <summary>Sends a POSIX signal (TERM, INT, KILL) as an operator's `kill -SIGNAL pid` would.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is null)
            return;
        lines.Enqueue(line);
        Console.WriteLine($"[minrnn {process.Id}] {line}");
    }
}
