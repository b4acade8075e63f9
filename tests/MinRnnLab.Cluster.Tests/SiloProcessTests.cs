using MinRnnLab.Tests.Shared;
using System.Diagnostics;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Grains.Hosting;

namespace MinRnnLab.Cluster.Tests;

/// <summary>Two real MinRnnLab.Silo processes on one PostgreSQL: kill -9 the one training, the other finishes the run.</summary>
public class SiloProcessTests
{
    [Fact]
    public async Task KillNineOfTheTrainingSiloProcessLetsTheOtherFinishTheRun()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        var root = Path.Combine(Path.GetTempPath(), "minrnn-cluster-tests", Guid.NewGuid().ToString("N"));
        var processes = new List<Process>();
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
            await using var client = await Wait.For(() => LabClient.ConnectClusterAsync(database), _ => true, seconds: 120, pollMs: 1000);
            await Wait.For(client.GetClusterViewAsync, v => v.Silos.Length == 2 && v.Silos.All(s => s.Devices.Length == 1), seconds: 120);
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
            await Wait.For(() => run.GetStatus().Found(), s => s.State == RunState.Running && s.LastCheckpointStep >= 20);
            var view = await client.GetClusterViewAsync();
            var port = view.Silos.Single(s => s.Devices.Any(d => d.Lease?.RunId == run.GetPrimaryKeyString())).Address.Split(':')[1];
            var victim = processes.Single(p => p.StartInfo.Environment["Lab__SiloPort"] == port);

            var atKill = await run.GetStatus().Found();
            clock.Start();
            victim.Kill();                                                              // SIGKILL: no shutdown code runs
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
            foreach (var process in processes.Where(p => !p.HasExited))
                process.Kill();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static Process StartSilo(string database, string root, int index, Action<string> onLine)
    {
        var info = new ProcessStartInfo("dotnet", SiloAssembly()) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["Lab__ConnectionString"] = database;
        info.Environment["Lab__DataFolder"] = Path.Combine(root, $"silo{index}");
        info.Environment["Lab__ArtifactsFolder"] = Path.Combine(root, "artifacts");
        info.Environment["Lab__CorpusPath"] = TestCorpus.Locate();
        info.Environment["Lab__AdvertisedIp"] = "127.0.0.1";
        info.Environment["Lab__SiloPort"] = InProcessCluster.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Lab__GatewayPort"] = InProcessCluster.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Lab__LeaseDuration"] = "00:00:03";
        info.Environment["Lab__PollInterval"] = "00:00:00.2";
        info.Environment["Lab__ProbeTimeout"] = "00:00:01";
        var process = Process.Start(info)!;
        // Drain the silo's output so a full pipe never blocks it; show it in the test log.
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            Console.WriteLine($"[silo{index}] {e.Data}");
            onLine(e.Data);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine($"[silo{index}] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The silo built beside this test project (same configuration: Debug or Release).</summary>
    internal static string SiloAssembly()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;                // bin/<configuration>/net10.0/
        var path = Path.Combine(PostgresServer.RepoRoot(), "src", "MinRnnLab.Silo", "bin", configuration, "net10.0", "MinRnnLab.Silo.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"build MinRnnLab.Silo first: {path} not found");
    }
}
