using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace MinRnnLab.Tests.Shared;

/// <summary>
/// A real program of this repository (minrnn, MinRnnLab.Silo) run as its own process by `dotnet`, its stdout and
/// stderr collected line by line (and echoed to the test log) so a full pipe never blocks it.
/// </summary>
public sealed class TestProcess : IDisposable
{
    private readonly ConcurrentQueue<string> lines = new();
    private readonly Process process;
    private readonly string label;
    private readonly Action<string>? onLine;
    private bool disposed;

    private TestProcess(Process process, string label, Action<string>? onLine) =>
        (this.process, this.label, this.onLine) = (process, label, onLine);

    public int Id => process.Id;
    public string Output => string.Join('\n', lines);
    public IReadOnlyCollection<string> Lines => lines;
    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;

    /// <summary>The environment it was started with (Lab__SiloPort tells which silo it is).</summary>
    public IDictionary<string, string?> Environment => process.StartInfo.Environment;

    /// <summary>
    /// Starts `dotnet <paramref name="assembly"/> args` with <paramref name="environment"/> added to this process's;
    /// <paramref name="onLine"/> sees each output line as it arrives.
    /// </summary>
    public static TestProcess Start(string label, string assembly, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null, Action<string>? onLine = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(assembly);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        var started = new TestProcess(Process.Start(info)!, label, onLine);
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
                throw new InvalidOperationException($"{label} exited ({process.ExitCode}) before printing '{text}':\n{Output}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"no line with '{text}' within {seconds} s:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code (throws after <paramref name="seconds"/>).</summary>
    public async Task<int> WaitForExit(int seconds = 180)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // What it printed is the only record of why it did not stop.
            throw new TimeoutException($"{label} (pid {process.Id}) still running {seconds} s later:\n{Output}");
        }
        process.WaitForExit();                                                          // flushes the redirected output
        return process.ExitCode;
    }

    /// <summary>Sends a POSIX signal (TERM, INT, KILL) as an operator's `kill -SIGNAL pid` would.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Kills what is still running (its children too); a second call does nothing.</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is null)
            return;
        lines.Enqueue(line);
        Console.WriteLine($"[{label} {process.Id}] {line}");
        onLine?.Invoke(line);
    }
}
