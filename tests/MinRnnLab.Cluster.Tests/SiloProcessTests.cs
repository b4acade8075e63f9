using MinRnnLab.Tests.Shared;
using System.Diagnostics;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Hosting;

namespace MinRnnLab.Cluster.Tests;

/// <summary>Two real MinRnnLab.Silo processes on one PostgreSQL: kill -9 the one training, the other finishes the run.</summary>
public class SiloProcessTests
{
    [Fact]
    public async Task KillNineOfTheTrainingSiloProcessLetsTheOtherFinishTheRun()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        var root = Path.Combine(Path.GetTempPath(), "minrnn-cluster-tests", Guid.NewGuid().ToString("N"));
        var processes = new List<TestProcess>();
        // The silo's own log line says when the second attempt started: the client may be stalled on the dead
        // gateway then, too slow to see the run in its resumed Running state.
        var secondAttempt = new TaskCompletionSource<Stopwatch>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new Stopwatch();
        try
        {
            for (var i = 0; i < 2; i++)
                processes.Add(StartSilo(database, root, i, line =>
                {
                    if (line.Contains("(attempt 2)", StringComparison.Ordinal))
                        secondAttempt.TrySetResult(clock);
                }));
            await using var client = await Poll.UntilThroughFailures(() => LabClient.ConnectClusterAsync(database), _ => true, seconds: 120, pollMs: 1000);
            await Poll.UntilThroughFailures(client.GetClusterViewAsync, v => v.Silos.Length == 2 && v.Silos.All(s => s.Devices.Length == 1), seconds: 120);
            var submitted = await client.SubmitSweepAsync("""
                name: process-kill
                metric: {name: val_loss}
                method: grid
                base: {preset: tiny, max_iters: 600, eval_interval: 10, n_embd: 16}
                max_restarts: 3
                checkpoint_interval: 10
                """, "process-kill.yaml");
            var run = client.Run($"{submitted.Status!.SweepId}/0");
            // Long enough (600 steps) that the run cannot finish between this check and the kill.
            await Poll.UntilThroughFailures(() => run.GetStatus().Found(), s => s.State == RunState.Running && s.LastCheckpointStep >= 20);
            var view = await client.GetClusterViewAsync();
            var port = view.Silos.Single(s => s.Devices.Any(d => d.Lease?.RunId == run.GetPrimaryKeyString())).Address.Split(':')[1];
            var victim = processes.Single(p => p.Environment["Lab__SiloPort"] == port);

            var atKill = await run.GetStatus().Found();
            clock.Start();
            victim.Signal("KILL");                                                      // no shutdown code runs
            await secondAttempt.Task.WaitAsync(TimeSpan.FromMinutes(4));
            var resumeSeconds = clock.Elapsed.TotalSeconds;
            var final = await client.WaitForSweepAsync(submitted.Status.SweepId);
            var resumed = await run.GetStatus().Found();
            Assert.Equal(2, resumed.Attempt);

            Assert.Equal(SweepState.Completed, final.State);
            Assert.Equal(RunState.Succeeded, (await run.GetStatus().Found()).State);
            Reference.Record($"process kill -9: second attempt started {resumeSeconds:F1} s after the kill (lease 3 s, probe 1 s); "
                             + $"run had reached step {Math.Max(atKill.LastStep, atKill.LastCheckpointStep ?? 0)}");
        }
        finally
        {
            foreach (var process in processes)
                process.Dispose();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static TestProcess StartSilo(string database, string root, int index, Action<string> onLine) => SiloProcess.Start(new Dictionary<string, string>
    {
        ["Lab__ConnectionString"] = database,
        ["Lab__DataFolder"] = Path.Combine(root, $"silo{index}"),
        ["Lab__ArtifactsFolder"] = Path.Combine(root, "artifacts"),
        ["Lab__CorpusPath"] = TestCorpus.FilePath,
        ["Lab__AdvertisedIp"] = "127.0.0.1",
        ["Lab__SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Lab__GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Lab__LeaseDuration"] = "00:00:03",
        ["Lab__PollInterval"] = "00:00:00.2",
        ["Lab__ProbeTimeout"] = "00:00:01",
    }, onLine);
}
