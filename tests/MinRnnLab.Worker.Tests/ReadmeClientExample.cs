using MinRnnLab.Client;
using MinRnnLab.Hosting;

namespace MinRnnLab.Worker.Tests;

/// <summary>The README's client example, compiled and run here so that it cannot rot.</summary>
public static class ReadmeClientExample
{
    public static async Task<SweepReport> RunAsync(LabOptions options, string sweepFile)
    {
        // README:begin
        await using var lab = await LabClient.StartEmbeddedAsync(options);      // or LabClient.ConnectAsync(gatewayPort: 30000)
        var submitted = await lab.SubmitSweepAsync(File.ReadAllText(sweepFile), sweepFile);
        if (!submitted.Accepted)
            throw new InvalidOperationException(string.Join("\n", submitted.Errors));   // file:line:column: message
        var sweepId = submitted.Status!.SweepId;
        using var stopWatching = new CancellationTokenSource();
        var printing = Task.Run(async () =>
        {
            await foreach (var progress in lab.WatchSweepAsync(sweepId, stopWatching.Token))   // live, at every evaluation
                Console.WriteLine($"{progress.RunId} {progress.State} step {progress.Step}/{progress.MaxIters}");
        });
        var final = await lab.WaitForSweepAsync(sweepId);                            // completed or cancelled
        await stopWatching.CancelAsync();
        await printing.ContinueWith(_ => { });                                       // ends by cancellation
        var report = await SweepReport.BuildAsync(lab, sweepId);                     // per-architecture summary, curves
        // README:end
        return report;
    }
}
