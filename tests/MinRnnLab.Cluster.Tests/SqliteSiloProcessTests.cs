using MinRnnLab.Tests.Shared;
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
        var gateway = FreePort.Next();
        using var first = StartSilo(data, gateway);
        try
        {
            string runId;
            RunStatus beforeSignal;
            await using (var client = await Poll.UntilThroughFailures(() => LabClient.ConnectAsync(gateway), _ => true, seconds: 120, pollMs: 1000))
            {
                var submitted = await client.SubmitSweepAsync("""
                    name: silo-sigterm
                    metric: {name: val_loss}
                    method: grid
                    base: {preset: tiny, arch: mingru, max_iters: 3000, lr_decay_iters: 3000, eval_interval: 25, n_embd: 16}
                    checkpoint_interval: 1000
                    """, "silo-sigterm.yaml");
                runId = $"{submitted.Status!.SweepId}/0";
                beforeSignal = await Poll.UntilThroughFailures(() => client.Run(runId).GetStatus().Found(), s => s.State == RunState.Running && s.LastStep >= 50);
            }

            using var second = StartSilo(data, FreePort.Next());
            Assert.Equal(1, await second.WaitForExit());
            Assert.Contains(second.Lines, l => l.Contains($"is in use by another platform: pid {first.Id}", StringComparison.Ordinal));
            Assert.DoesNotContain(second.Lines, l => l.StartsWith("   at ", StringComparison.Ordinal));

            var clock = Stopwatch.StartNew();
            first.Signal("TERM");
            var exit = await first.WaitForExit();

            Assert.Equal(0, exit);
            Assert.Contains(first.Lines, l => l.Contains($"handed {runId} back, checkpointed", StringComparison.Ordinal));
            Assert.Contains("checkpointed and stopped: silo shutting down", File.ReadAllText(new LabPaths(data).RunLogFile(runId)));
            Console.WriteLine($"worker silo (SQLite) exited {clock.Elapsed.TotalSeconds:F1} s after SIGTERM, run at step {beforeSignal.LastStep}+ handed back");
        }
        finally
        {
            first.Dispose();                                                            // before its folder goes
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static TestProcess StartSilo(string data, int gateway) => SiloProcess.Start(new Dictionary<string, string>
    {
        ["Lab__Storage"] = "sqlite",
        ["Lab__DataFolder"] = data,
        ["Lab__ArtifactsFolder"] = Path.Combine(data, "artifacts"),                    // appsettings.json names a relative one
        ["Lab__CorpusPath"] = TestCorpus.FilePath,
        ["Lab__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["Lab__GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture),
    });
}
