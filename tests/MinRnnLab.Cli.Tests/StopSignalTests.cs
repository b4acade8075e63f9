using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Cli.Tests;

/// <summary>
/// SIGTERM stops every command within its grace period, whatever it is doing: one that observes the stop request
/// ends by itself, and one that does not is ended when the grace period is over.
/// </summary>
public sealed class StopSignalTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "minrnn-stop-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task SigtermStopsBenchOrchestrationMidSweepAndRemovesItsTemporaryData()
    {
        var before = TemporaryBenchFolders();
        using var bench = CliProcess.Start("bench", "orchestration", "--trials", "10000", "--parallel", "8", "--out", folder);
        await bench.WaitForLine("no-op trials through the queue");
        await Task.Delay(TimeSpan.FromSeconds(3));                                     // trials in flight, state being written

        bench.Signal("TERM");
        var exit = await bench.WaitForExit(seconds: 60);

        Assert.True(exit == 130, $"exit {exit}, not 130 (cancelled):\n{bench.Output}");   // stopped by itself
        Assert.DoesNotContain("did not stop within", bench.Output);
        Assert.Empty(TemporaryBenchFolders().Except(before));
    }

    [Fact]
    public async Task ACommandThatDoesNotObserveTheStopIsEndedWhenItsGracePeriodIsOver()
    {
        // `bench scan` times kernels in native code and checks for no stop request: only the grace period ends it.
        using var scan = CliProcess.StartWith(new Dictionary<string, string> { [GracefulStop.GraceVariable] = "2" },
            "bench", "scan", "--lengths", "4096,8192,16384", "--reps", "50", "--budget", "600", "--data", folder);
        await Task.Delay(TimeSpan.FromSeconds(8));                                     // started, and into its first case

        scan.Signal("TERM");
        var exit = await scan.WaitForExit(seconds: 60);

        Assert.True(exit == 143, $"exit {exit}, not 143 (ended by SIGTERM's grace period):\n{scan.Output}");
        Assert.Contains("did not stop within 2 s of SIGTERM: exiting", scan.Output);
    }

    [Fact]
    public async Task SigtermStopsALongSampleByItself()
    {
        // A model whose every character is a forward pass over a 256-character window: 100,000 of them take many minutes.
        var run = Path.Combine(folder, "run");
        string[] train = ["train", "--max_iters", "1", "--eval_interval", "1", "--eval_iters", "1", "--batch_size", "1",
            "--data_path", TestCorpus.FilePath, "--out_dir", run, "--sample_chars", "0"];
        Assert.Equal(0, await CommandLine.RunAsync(train, TextWriter.Null, TextWriter.Null, CancellationToken.None));
        using var sample = CliProcess.Start("sample", "--checkpoint", run, "--tokens", "100000");
        await sample.WaitForLine("sampling 100,000 characters");
        await Task.Delay(TimeSpan.FromSeconds(2));                                     // into the generation loop

        sample.Signal("TERM");
        var exit = await sample.WaitForExit(seconds: 120);

        // 130: it observed the stop itself; 143 would be the grace period (30 s) ending a loop that ignored it.
        Assert.True(exit == 130, $"exit {exit}, not 130 (cancelled):\n{sample.Output}");
        Assert.Contains("cancelled", sample.Output);
        Assert.DoesNotContain("did not stop within", sample.Output);
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private static string[] TemporaryBenchFolders() =>
        Directory.GetDirectories(Path.GetTempPath(), "minrnn-orchestration-*");
}
