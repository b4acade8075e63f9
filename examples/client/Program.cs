// Runs a sweep on a running platform (`minrnn serve`, MinRnnLab.Silo, the web app with its silo) and prints its results.
// It references the MinRnnLab.Client package only: no libtorch, SQLite or Npgsql. Usage: dotnet run -- PORT SWEEP.yaml
using MinRnnLab.Abstractions;
using MinRnnLab.Client;

var gatewayPort = args.Length > 0 ? int.Parse(args[0]) : LabCluster.DefaultGatewayPort;
var sweepFile = args.Length > 1 ? args[1] : "sweep.yaml";

await using var lab = await LabClient.ConnectAsync(gatewayPort);               // throws if no platform answers there
var submitted = await lab.SubmitSweepAsync(File.ReadAllText(sweepFile), sweepFile);
if (!submitted.Accepted)
{
    Console.Error.WriteLine(string.Join("\n", submitted.Errors));              // file:line:column: message
    return 2;
}
var sweepId = submitted.Status!.SweepId;
using var stopWatching = new CancellationTokenSource();
var printing = Task.Run(async () =>
{
    await foreach (var progress in lab.WatchSweepAsync(sweepId, stopWatching.Token))   // live, at every evaluation
        Console.WriteLine($"{progress.RunId} {progress.State} step {progress.Step}/{progress.MaxIters}");
});
var final = await lab.WaitForSweepAsync(sweepId);                            // every trial over
await stopWatching.CancelAsync();
await printing.ContinueWith(_ => { });                                       // ends by cancellation
var report = await SweepReport.BuildAsync(lab, sweepId);                     // per-trial and per-architecture results
Console.WriteLine($"sweep {sweepId}: {final.State}");
foreach (var trial in report.Trials)
    Console.WriteLine($"trial {trial.RunId} {trial.Arch}: {trial.State}, best {report.Status.Metric} {trial.BestMetric:F4} at step {trial.BestStep}");
return final.State == SweepState.Completed ? 0 : 1;
