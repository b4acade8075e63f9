using System.Diagnostics;
using MinRnnLab.Abstractions;
using Microsoft.Extensions.Logging;

namespace MinRnnLab.Worker.Trials;

/// <summary>
/// The worker's end of the pipe to one trial process: starts it with its request, reads its events, writes the
/// worker's words, samples its memory and CPU time while it lives, and stops it: by a word or SIGTERM first, by
/// SIGKILL once the grace period is over.
/// </summary>
public sealed class TrialProcess : IDisposable
{
    // Often enough that the peak of a trial dying of memory is seen close to its end; reading /proc costs microseconds.
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(200);

    private readonly Process process;
    private readonly ILogger logger;
    private readonly string runId;
    private readonly Lock writing = new();
    private readonly CancellationTokenSource exited = new();
    private readonly Timer sampler;
    private long peakBytes;
    private double cpuSeconds;
    private volatile string? lastError;
    private volatile bool killedAfterGrace;

    private TrialProcess(Process process, string runId, ILogger logger)
    {
        (this.process, this.runId, this.logger) = (process, runId, logger);
        process.ErrorDataReceived += (_, e) => OnError(e.Data);
        process.BeginErrorReadLine();
        sampler = new Timer(_ => Sample(), null, TimeSpan.Zero, SampleInterval);
    }

    public static TrialProcess Start(TrialProgram program, TrialRequest request, ILogger logger)
    {
        var process = Process.Start(program.StartInfo()) ?? throw new InvalidOperationException($"could not start {program.Assembly}");
        var trial = new TrialProcess(process, request.Spec.RunId, logger);
        trial.Send(TrialJson.Line(request));
        return trial;
    }

    public int Id => process.Id;

    /// <summary>Set once the grace period ran out and the trial was killed.</summary>
    public bool KilledAfterGrace => killedAfterGrace;

    /// <summary>The trial's last line on stderr: what an abort or an unexpected exception said last.</summary>
    public string? LastError => lastError;

    /// <summary>Peak memory and CPU time as last sampled: a trial that died has no other measure.</summary>
    public AttemptUsage SampledUsage => new(Interlocked.Read(ref peakBytes), Volatile.Read(ref cpuSeconds));

    /// <summary>The next event, or null once the trial closed its stdout (it exited or was killed). Stray lines are logged.</summary>
    public TrialEvent? ReadEvent()
    {
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith('{'))
                return TrialJson.ReadEvent(line);
            logger.LogInformation("trial {Run} (process {Pid}) wrote: {Line}", runId, Id, line);
        }
        return null;
    }

    /// <summary>Writes one line to the trial's stdin; a trial that is gone cannot read it, and that is no error.</summary>
    public void Send(string line)
    {
        lock (writing)
        {
            try
            {
                process.StandardInput.WriteLine(line);
                process.StandardInput.Flush();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>Stop now, without a checkpoint: the word, then SIGKILL if it is still there after <paramref name="grace"/>.</summary>
    public void StopNow(TimeSpan grace)
    {
        Send(TrialCommands.Stop);
        KillAfter(grace);
    }

    /// <summary>Checkpoint and stop: SIGTERM, then SIGKILL if it is still there after <paramref name="grace"/>.</summary>
    public void Terminate(TimeSpan grace)
    {
        if (!process.HasExited)                                                         // a reaped pid may belong to another process by now
            Signals.Send(Id, Signals.Term);
        KillAfter(grace);
    }

    /// <summary>Waits for the trial to end and returns its exit code (128 + N when signal N killed it).</summary>
    public int WaitForExit()
    {
        process.WaitForExit();                                                          // also drains stderr
        exited.Cancel();
        return process.ExitCode;
    }

    private void KillAfter(TimeSpan grace) =>
        _ = Task.Delay(grace, exited.Token).ContinueWith(delay =>
        {
            if (delay.IsCanceled)
                return;
            killedAfterGrace = true;
            try
            {
                process.Kill();                                                         // SIGKILL
            }
            catch (InvalidOperationException)
            {
                // It exited just now.
            }
        }, TaskScheduler.Default);

    private void Sample()
    {
        try
        {
            process.Refresh();
            var peak = process.PeakWorkingSet64;                                        // VmHWM: the kernel's own high-water mark
            if (peak > Interlocked.Read(ref peakBytes))
                Interlocked.Exchange(ref peakBytes, peak);
            Volatile.Write(ref cpuSeconds, process.TotalProcessorTime.TotalSeconds);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            // It exited between two samples: the last ones stand.
        }
    }

    private void OnError(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
            return;
        if (!line.TrimStart().StartsWith("at ", StringComparison.Ordinal))
            lastError = line.Trim();                                                    // a stack frame is not the cause
        logger.LogInformation("trial {Run} (process {Pid}): {Line}", runId, Id, line);
    }

    public void Dispose()
    {
        exited.Cancel();                                                                // no kill timer outlives the process object
        sampler.Dispose();
        try
        {
            process.Kill();                                                             // never leave a trial behind
        }
        catch (InvalidOperationException)
        {
            // Already gone, as it should be.
        }
        process.Dispose();
        exited.Dispose();
    }
}
