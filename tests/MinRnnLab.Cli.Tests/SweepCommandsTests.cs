using MinRnnLab.Tests.Shared;
using MinRnnLab.Cli;
using MinRnnLab.Cli.Commands;

namespace MinRnnLab.Cli.Tests;

public class SweepCommandsTests
{
    [Fact]
    public async Task SubmitOnAnEmbeddedPlatformWatchesToTheEndAndReportWritesTheTables()
    {
        var folder = Path.Combine(Path.GetTempPath(), "minrnn-cli-sweep", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "s.yaml");
        File.WriteAllText(file, """
            name: cli-sweep
            metric: {name: val_loss, target: 4.0}
            method: grid
            base: {preset: tiny, max_iters: 10, eval_interval: 5, n_embd: 16}
            parameters:
              arch: {values: [transformer, minlstm]}
            parallel: 2
            """);
        string[] connection = ["--data", Path.Combine(folder, "data"), "--gateway", $"{FreePort.Next()}", "--silo_port", $"{FreePort.Next()}"];
        Environment.SetEnvironmentVariable("MINRNN_DATA", MinRnnLab.Tests.Shared.TestCorpus.FilePath);

        var submitted = await SweepCommands.RunAsync(ParsedArgs.Parse(["sweep", "submit", file, .. connection]), CancellationToken.None);

        Assert.Equal(0, submitted);
        var sweepId = Directory.GetDirectories(Path.Combine(folder, "data", "artifacts", "runs")).Select(Path.GetFileName).Single()!;
        var reportFolder = Path.Combine(folder, "report");
        var reported = await SweepReportCommand.RunAsync(ParsedArgs.Parse(["sweep", "report", sweepId, "--out", reportFolder, "--second_target", "9", .. connection]), CancellationToken.None);
        Assert.Equal(0, reported);
        var architectures = File.ReadAllLines(Path.Combine(reportFolder, "architectures.csv"));
        Assert.Equal(3, architectures.Length);                                          // header + minlstm + transformer
        Assert.StartsWith("arch,variant,runs,", architectures[0]);
        Assert.StartsWith("minlstm,,1,", architectures[1]);                             // no parameters but arch: no variant
        var secondTarget = Array.IndexOf(architectures[0].Split(','), "steps_to_second_target_mean");
        Assert.Equal("0", architectures[1].Split(',')[secondTarget]);                   // every loss is below 9, from step 0
        Assert.Equal(3, File.ReadAllLines(Path.Combine(reportFolder, "trials.csv")).Length);
        Assert.Equal(2, File.ReadAllText(Path.Combine(reportFolder, "curves.svg")).Split("<polyline").Length - 1);
        var markdown = File.ReadAllText(Path.Combine(reportFolder, "report.md"));         // what the web's report download serves
        Assert.Contains("## Seed statistics per architecture", markdown);
        Assert.Contains($"| {sweepId}/0 |", markdown);
        Directory.Delete(folder, recursive: true);
    }
}
