using MinRnnLab.Tests.Shared;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using MinRnnLab.Abstractions;
using MinRnnLab.Cli;
using MinRnnLab.Client;
using MinRnnLab.Storage;

namespace MinRnnLab.Cli.Tests;

/// <summary>Real `minrnn` processes: one platform per data folder, signals, and sizes refused before native code.</summary>
public sealed class ServeProcessTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "minrnn-serve-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ASecondPlatformOnTheSameDataFolderIsRefusedAtOnceAndAKilledOnesLockIsNotStale()
    {
        var (gateway, _) = Ports();
        using var first = Serve(gateway);
        await first.WaitForLine("platform running");

        var clock = Stopwatch.StartNew();
        using var second = Serve();
        var exit = await second.WaitForExit();
        var refusedAfter = clock.Elapsed;

        Assert.NotEqual(0, exit);
        Assert.Contains($"is in use by another platform: pid {first.Id} on host {Environment.MachineName}", second.Output);
        Assert.Contains($"gateway port {gateway}", second.Output);
        Assert.DoesNotContain("platform running", second.Output);
        Assert.DoesNotContain("   at ", second.Output);                                // one line, no stack trace
        Assert.False(first.HasExited);

        first.Signal("KILL");                                                           // no shutdown code runs: the OS drops the lock
        await first.WaitForExit();
        using var third = Serve();
        await third.WaitForLine("platform running");
        third.Signal("TERM");
        Assert.Equal(0, await third.WaitForExit());
        Console.WriteLine($"second platform refused {refusedAfter.TotalSeconds:F1} s after its start (includes the dotnet process start)");
    }

    [Fact]
    public async Task SigtermStopsServeAndTheNextStartResumesTheRunFromItsCheckpoint()
    {
        var (gateway, silo) = Ports();
        using var serve = Serve(gateway, silo);
        await serve.WaitForLine("platform running");
        string sweepId;
        RunStatus beforeSignal;
        await using (var client = await LabClient.ConnectAsync(gateway))
        {
            var submitted = await client.SubmitSweepAsync("""
                name: sigterm
                metric: {name: val_loss}
                method: grid
                base: {preset: tiny, arch: mingru, max_iters: 3000, lr_decay_iters: 3000, eval_interval: 25, n_embd: 16}
                max_restarts: 0
                checkpoint_interval: 1000
                """, "sigterm.yaml");
            Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
            sweepId = submitted.Status!.SweepId;
            // Far from the next scheduled checkpoint (1000): the one the run resumes from is the shutdown's own.
            beforeSignal = await Poll.Until(() => client.Run($"{sweepId}/0").GetStatus().Found(), s => s.State == RunState.Running && s.LastStep >= 50);
        }

        var clock = Stopwatch.StartNew();
        serve.Signal("TERM");
        var exit = await serve.WaitForExit();
        var stoppedAfter = clock.Elapsed;

        Assert.Equal(0, exit);
        var runLog = File.ReadAllText(new LabPaths(data).RunLogFile($"{sweepId}/0"));
        Assert.Contains("checkpointed and stopped: silo shutting down", runLog);

        (gateway, silo) = Ports();
        using var restarted = Serve(gateway, silo);
        await restarted.WaitForLine("platform running");
        await using (var client = await LabClient.ConnectAsync(gateway))
        {
            var run = client.Run($"{sweepId}/0");
            var resumed = await Poll.Until(() => run.GetAttempts().Found(), a => a.Length == 2 && a[1].ResumedFromStep is not null);
            await client.Run($"{sweepId}/0").Stop(RunState.Cancelled, "test done");        // the rest of the run proves nothing new

            Assert.Equal(RunState.Preempted, resumed[0].Outcome);
            Assert.Contains("shut down", resumed[0].Reason);
            Assert.True(resumed[1].ResumedFromStep >= beforeSignal.LastStep,
                $"resumed from step {resumed[1].ResumedFromStep}, but the run had reached {beforeSignal.LastStep} before SIGTERM");
        }
        // Ctrl+C, unless these tests were started from a background shell: then SIGINT is ignored by every process
        // they start (and serve says so), and only SIGTERM can stop it.
        var ignoresInt = InheritedSignals.SigIntIgnored();
        restarted.Signal(ignoresInt ? "TERM" : "INT");
        Assert.Equal(0, await restarted.WaitForExit());
        Assert.Equal(ignoresInt, restarted.Output.Contains("SIGINT is ignored", StringComparison.Ordinal));
        Console.WriteLine($"serve exited {stoppedAfter.TotalSeconds:F1} s after SIGTERM with a run in flight (step {beforeSignal.LastStep}+)");
    }

    [Fact]
    public async Task EveryCommandOnAnUnknownSweepOrRunAgainstARunningPlatformExitsTwoNamingItAndStoresNothing()
    {
        var (gateway, silo) = Ports();
        using var serve = Serve(gateway, silo);
        await serve.WaitForLine("platform running");
        string sweepId;
        await using (var client = await LabClient.ConnectAsync(gateway))
        {
            // A CUDA run on a platform of CPU slots stays queued: a run that exists and has no log yet.
            var submitted = await client.SubmitSweepAsync("""
                name: queued
                metric: {name: val_loss}
                method: grid
                base: {preset: tiny, device: cuda, max_iters: 100}
                """, "queued.yaml");
            Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
            sweepId = submitted.Status!.SweepId;
        }
        var report = Path.Combine(data, "report");
        (string[] Command, string Error)[] unknown =
        [
            (["sweep", "status", "no-such-id"], "no sweep 'no-such-id'"),
            (["sweep", "cancel", "no-such-id"], "no sweep 'no-such-id'"),
            (["sweep", "pause", "no-such-id"], "no sweep 'no-such-id'"),
            (["sweep", "resume", "no-such-id"], "no sweep 'no-such-id'"),
            (["sweep", "watch", "no-such-id"], "no sweep 'no-such-id'"),
            (["sweep", "report", "no-such-id", "--out", report], "no sweep 'no-such-id'"),
            (["sweep", "logs", "no-such-id/0"], "no run 'no-such-id/0'"),
            (["sweep", "logs", $"{sweepId}/7"], $"no run '{sweepId}/7'"),                 // a known sweep, a trial it does not have
        ];

        foreach (var (command, error) in unknown)
        {
            using var cli = CliProcess.Start([.. command, "--gateway", $"{gateway}", "--data", data]);
            var exit = await cli.WaitForExit();
            Assert.True(exit == 2, $"minrnn {string.Join(' ', command)} exited {exit}:\n{cli.Output}");
            Assert.Contains($"error: {error}", cli.Output);
        }
        using (var queued = CliProcess.Start("sweep", "logs", $"{sweepId}/0", "--gateway", $"{gateway}", "--data", data))
        {
            Assert.Equal(1, await queued.WaitForExit());
            Assert.Contains($"no log yet for run {sweepId}/0", queued.Output);
        }

        Assert.Empty(StoredRowsNaming(["no-such-id", $"{sweepId}/7"]));
        Assert.False(Directory.Exists(report));
        serve.Signal("TERM");
        Assert.Equal(0, await serve.WaitForExit());
    }

    [Theory]
    [InlineData("mingru", "2000000", "validation split")]
    [InlineData("transformer", "100000", "attention scores")]
    public async Task TrainRefusesSizesThatWouldCrashNativeCode(string arch, string blockSize, string why)
    {
        using var train = CliProcess.Start("train", "--arch", arch, "--block_size", blockSize, "--max_iters", "2", "--out_dir", data);

        var exit = await train.WaitForExit();

        Assert.Equal(2, exit);
        Assert.Contains($"error: config key 'block_size' = {blockSize}", train.Output);
        Assert.Contains(why, train.Output);
        Assert.DoesNotContain("   at ", train.Output);
    }

    public void Dispose()
    {
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    }

    private TestProcess Serve(int? gateway = null, int? silo = null)
    {
        var (freeGateway, freeSilo) = Ports();
        return CliProcess.Start("serve", "--data", data,
            "--gateway", (gateway ?? freeGateway).ToString(CultureInfo.InvariantCulture),
            "--silo_port", (silo ?? freeSilo).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Grain state and trial rows of the platform's database that mention any of <paramref name="ids"/>.</summary>
    private List<string> StoredRowsNaming(string[] ids)
    {
        using var connection = new SqliteConnection($"Data Source={new LabPaths(data).StateDatabase};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT grain_id || ' ' || payload FROM grain_state
            UNION ALL SELECT sweep_id || '/' || trial_index || ' ' || payload FROM sweep_trials
            """;
        var rows = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            rows.Add(reader.GetString(0));
        return [.. rows.Where(row => ids.Any(id => row.Contains(id, StringComparison.Ordinal)))];
    }

    private static (int Gateway, int Silo) Ports() => (FreePort.Next(), FreePort.Next());
}
