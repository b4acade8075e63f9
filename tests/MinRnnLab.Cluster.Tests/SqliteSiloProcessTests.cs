using MinRnnLab.Tests.Shared;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Storage;

namespace MinRnnLab.Cluster.Tests;

/// <summary>Real MinRnnLab.Silo processes on SQLite: one per data folder, and SIGTERM hands the run in flight back.</summary>
public class SqliteSiloProcessTests
{
    [Fact]
    public async Task ASqliteSiloRefusesAFolderInUseAndOnSigtermHandsItsRunBackCheckpointed()
    {
        var data = Path.Combine(Path.GetTempPath(), "minrnn-sqlite-silo-tests", Guid.NewGuid().ToString("N"));
        var output = new ConcurrentQueue<string>();
        var gateway = InProcessCluster.FreePort();
        using var first = StartSilo(data, gateway, output);
        try
        {
            string runId;
            RunStatus beforeSignal;
            await using (var client = await Wait.For(() => LabClient.ConnectAsync(gateway), _ => true, seconds: 120, pollMs: 1000))
            {
                var submitted = await client.SubmitSweepAsync("""
                    name: silo-sigterm
                    metric: {name: val_loss}
                    method: grid
                    base: {preset: tiny, arch: mingru, max_iters: 3000, lr_decay_iters: 3000, eval_interval: 25, n_embd: 16}
                    checkpoint_interval: 1000
                    """, "silo-sigterm.yaml");
                runId = $"{submitted.Status!.SweepId}/0";
                beforeSignal = await Wait.For(() => client.Run(runId).GetStatus().Found(), s => s.State == RunState.Running && s.LastStep >= 50);
            }

            using var second = StartSilo(data, InProcessCluster.FreePort(), output);
            await second.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            Assert.Equal(1, second.ExitCode);
            Assert.Contains(output, l => l.Contains($"is in use by another platform: pid {first.Id}", StringComparison.Ordinal));
            Assert.DoesNotContain(output, l => l.StartsWith("   at ", StringComparison.Ordinal));

            var clock = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", ["-TERM", first.Id.ToString(CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            await first.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));

            Assert.Equal(0, first.ExitCode);
            Assert.Contains(output, l => l.Contains($"handed {runId} back, checkpointed", StringComparison.Ordinal));
            Assert.Contains("checkpointed and stopped: silo shutting down", File.ReadAllText(new LabPaths(data).RunLogFile(runId)));
            Console.WriteLine($"worker silo (SQLite) exited {clock.Elapsed.TotalSeconds:F1} s after SIGTERM, run at step {beforeSignal.LastStep}+ handed back");
        }
        finally
        {
            if (!first.HasExited)
                first.Kill();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static Process StartSilo(string data, int gateway, ConcurrentQueue<string> output)
    {
        var info = new ProcessStartInfo("dotnet", SiloProcessTests.SiloAssembly()) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["Lab__Storage"] = "sqlite";
        info.Environment["Lab__DataFolder"] = data;
        info.Environment["Lab__ArtifactsFolder"] = Path.Combine(data, "artifacts");    // appsettings.json names a relative one
        info.Environment["Lab__CorpusPath"] = TestCorpus.Locate();
        info.Environment["Lab__SiloPort"] = InProcessCluster.FreePort().ToString(CultureInfo.InvariantCulture);
        info.Environment["Lab__GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture);
        var process = Process.Start(info)!;
        // Drain the silo's output so a full pipe never blocks it; show it in the test log.
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is null)
                return;
            output.Enqueue(e.Data);
            Console.WriteLine($"[silo {process.Id}] {e.Data}");
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
