using System.Diagnostics;
using MinRnnLab.Abstractions;
using MinRnnLab.Storage;
using MinRnnLab.Training.Checkpoints;
using Microsoft.Extensions.Options;

namespace MinRnnLab.Worker.Trials;

/// <summary>
/// What a trial process (`minrnn trial`) does: reads its <see cref="TrialRequest"/>, trains that attempt with
/// <see cref="TorchRunExecutor"/> exactly as a silo would in its own process, and streams what happens to the worker
/// that started it. A native crash here ends this process only; the worker names the cause.
/// </summary>
public static class TrialChild
{
    /// <summary>Returns the exit code: 0 once the attempt's end has been sent; an exception means it could not be.</summary>
    /// <param name="terminate">Fires on SIGTERM: checkpoint the current step and stop.</param>
    public static int Run(TextReader input, TextWriter output, CancellationToken terminate)
    {
        var request = TrialJson.ReadRequest(input.ReadLine() ?? throw new InvalidDataException("no trial request on stdin"));
        var reporter = new TrialPipeReporter(input, output, terminate);
        var options = new WorkerOptions { DataFolder = request.DataFolder, CorpusPath = request.CorpusPath, CpuThreads = request.Threads };
        var executor = new TorchRunExecutor(Options.Create(options), DiskCheckpointWriter.Instance);
        var context = new RunContext(request.Spec, request.Attempt, request.Worker, request.Device, request.CheckpointFolder,
            new RunLog(request.LogFile), reporter, request.ReportedStep, terminate, request.EarlierSeconds);
        var outcome = executor.Execute(context, reporter.Stopped);
        using (var self = Process.GetCurrentProcess())
            reporter.Usage(new AttemptUsage(self.PeakWorkingSet64, self.TotalProcessorTime.TotalSeconds));
        reporter.Finish(outcome);
        return 0;
    }
}
