using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Cli.Tests;

public class SweepCommandsTests
{
    [Fact]
    public async Task SubmitOnAnEmbeddedPlatformWatchesToTheEndAndReportWritesTheTables()
    {
        var (folder, file, connection) = EmbeddedPlatform("s.yaml", """
            name: cli-sweep
            metric: {name: val_loss, target: 4.0}
            method: grid
            base: {preset: tiny, max_iters: 10, eval_interval: 5, n_embd: 16}
            parameters:
              arch: {values: [transformer, minlstm]}
            parallel: 2
            """);

        var submitted = await Run(["sweep", "submit", file, .. connection]);

        Assert.Equal(0, submitted);
        var sweepId = Directory.GetDirectories(Path.Combine(folder, "data", "artifacts", "runs")).Select(Path.GetFileName).Single()!;
        var reportFolder = Path.Combine(folder, "report");
        var reported = await Run(["sweep", "report", sweepId, "--out", reportFolder, "--second_target", "9", .. connection]);
        Assert.Equal(0, reported);
        var architectures = File.ReadAllLines(Path.Combine(reportFolder, "architectures.csv"));
        Assert.Equal(3, architectures.Length);                                          // header + minlstm + transformer
        Assert.StartsWith("arch,variant,runs,", architectures[0]);
        Assert.StartsWith("minlstm,,1,", architectures[1]);                             // no parameters but arch: no variant
        var secondTarget = Array.IndexOf(architectures[0].Split(','), "steps_to_second_target_mean");
        Assert.Equal("0", architectures[1].Split(',')[secondTarget]);                   // every loss is below 9, from step 0
        Assert.Equal(3, File.ReadAllLines(Path.Combine(reportFolder, "trials.csv")).Length);
        var costs = File.ReadAllLines(Path.Combine(reportFolder, "costs.csv"));         // ms per step, CPU hours, resumes
        Assert.StartsWith("configuration,trials,attempts,steps_trained,ms_per_step,", costs[0]);
        Assert.StartsWith("minlstm,1,1,10,", costs[1]);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(reportFolder, "attempts.csv")).Length);
        var samples = File.ReadAllText(Path.Combine(reportFolder, "samples.md"));        // from each best checkpoint, on the platform
        Assert.Contains($"## minlstm: {sweepId}/1, best ", samples);
        Assert.Contains($"## transformer: {sweepId}/0, best ", samples);
        Assert.DoesNotContain("```text\n(", samples);                                  // a sample, not why there is none
        Assert.Equal(2, File.ReadAllText(Path.Combine(reportFolder, "curves.svg")).Split("<polyline").Length - 1);
        var markdown = File.ReadAllText(Path.Combine(reportFolder, "report.md"));         // what the web's report download serves
        Assert.Contains("## Seed statistics per architecture", markdown);
        Assert.Contains($"| {sweepId}/0 |", markdown);

        // The run's log, read by the artifact grain of the platform (embedded here), not from the disk by the command.
        var logged = new StringWriter();
        Assert.Equal(0, await Run(["sweep", "logs", $"{sweepId}/0", "--lines", "2", .. connection], logged));
        var onDisk = File.ReadAllLines(Path.Combine(folder, "data", "artifacts", "runs", sweepId, "0", "run.log"));
        Assert.Equal(onDisk[^2..], logged.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));

        // Tags and notes on the sweep and on a run, stored by their grains: the list filters by them, the report shows them,
        // and a bad tag is named (exit 2) with nothing stored.
        var tagged = new StringWriter();
        Assert.Equal(0, await Run(["sweep", "tag", sweepId, "cli-tag", "second", .. connection], tagged));
        Assert.Contains("tags: cli-tag, second", tagged.ToString());
        Assert.Equal(0, await Run(["sweep", "note", $"{sweepId}/0", "the first run", .. connection]));
        var refused = new StringWriter();
        Assert.Equal(2, await CommandLine.RunAsync(["sweep", "tag", sweepId, "bad tag!", .. connection], TextWriter.Null, refused, CancellationToken.None));
        Assert.Contains("tag 'bad tag!'", refused.ToString());
        using (var listed = CliProcess.Start(["sweep", "list", "--tag", "CLI-TAG", .. connection]))               // the table goes to the console
        {
            Assert.Equal(0, await listed.WaitForExit());
            Assert.Contains(sweepId, listed.Output);
        }
        using (var none = CliProcess.Start(["sweep", "list", "--tag", "untagged", .. connection]))
        {
            Assert.Equal(0, await none.WaitForExit());
            Assert.DoesNotContain(sweepId, none.Output);
        }
        // Every run, in the Runs page's filter language: the tag reaches the sweep's runs, and a bad key is named.
        using (var listed = CliProcess.Start(["sweep", "runs", "--where", "tag = cli-tag and seed = 0", "--sort", "seconds", "--desc", .. connection]))
        {
            Assert.Equal(0, await listed.WaitForExit());
            Assert.Contains($"{sweepId}/0", listed.Output);
            Assert.Contains(listed.Lines, line => line.Contains("matching run(s)", StringComparison.Ordinal));
        }
        var badFilter = new StringWriter();
        Assert.Equal(2, await CommandLine.RunAsync(["sweep", "runs", "--where", "lr < 1", .. connection], TextWriter.Null, badFilter, CancellationToken.None));
        Assert.Contains("no column 'lr'", badFilter.ToString());
        Assert.Equal(0, await Run(["sweep", "report", sweepId, "--out", reportFolder, .. connection]));
        var labelled = File.ReadAllText(Path.Combine(reportFolder, "report.md"));
        Assert.Contains("- tags: `cli-tag`, `second`", labelled);
        Assert.Contains($"| {sweepId}/0 |  |  | the first run |", labelled);

        // Piped, as `minrnn sweep report ID | less` is: each table row stays on one line, however wide.
        using var piped = CliProcess.Start(["sweep", "report", sweepId, "--out", reportFolder, .. connection]);
        Assert.Equal(0, await piped.WaitForExit());
        Assert.Contains(piped.Lines, line => line.Contains($"{sweepId}/0", StringComparison.Ordinal)
                                             && (line.Contains("transformer", StringComparison.Ordinal) || line.Contains("minlstm", StringComparison.Ordinal)));
        Assert.Contains(piped.Lines, line => line.Contains("│ run ", StringComparison.Ordinal) && line.Contains("steps to 2nd target │ seconds │", StringComparison.Ordinal));
        // Which platform it used, and none of Orleans' notes for people running silos.
        Assert.Contains(piped.Lines, line => line.StartsWith("platform: none answers on gateway 127.0.0.1:", StringComparison.Ordinal)
                                             && line.Contains($"starting an embedded one on data folder {Path.Combine(folder, "data")}", StringComparison.Ordinal));
        Assert.DoesNotContain("ServerGC", piped.Output);
        Assert.DoesNotContain("Participant check", piped.Output);

        // Delete: a run, then the sweep after a "no" at the question and a --yes; each prints what it freed.
        var runs = Path.Combine(folder, "data", "artifacts", "runs", sweepId);
        var deletedRun = new StringWriter();
        Assert.Equal(0, await Run(["sweep", "delete", $"{sweepId}/0", "--yes", .. connection], deletedRun));
        Assert.Matches($@"deleted run {sweepId}/0 \(succeeded\): 1 run, [\d.]+ (kB|MB) of files freed, \d+ metric points removed", deletedRun.ToString());
        Assert.False(Directory.Exists(Path.Combine(runs, "0")));
        var declined = new StringWriter();
        var stdin = Console.In;
        Console.SetIn(new StringReader("n\n"));
        try
        {
            Assert.Equal(0, await Run(["sweep", "delete", sweepId, .. connection], declined));
        }
        finally
        {
            Console.SetIn(stdin);
        }
        Assert.Contains($"delete sweep {sweepId} (1 run, completed) with its checkpoints, logs and metrics? This cannot be undone. [y/N] nothing deleted", declined.ToString());
        Assert.True(Directory.Exists(Path.Combine(runs, "1")));
        var deletedSweep = new StringWriter();
        Assert.Equal(0, await Run(["sweep", "delete", sweepId, "--yes", .. connection], deletedSweep));
        Assert.Contains($"deleted sweep {sweepId} (1 run, completed): 1 run, ", deletedSweep.ToString());
        Assert.False(Directory.Exists(runs));
        var again = new StringWriter();
        Assert.Equal(2, await CommandLine.RunAsync(["sweep", "delete", sweepId, "--yes", .. connection], TextWriter.Null, again, CancellationToken.None));
        Assert.Contains($"no sweep '{sweepId}'", again.ToString());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ATrainLossSweepPrintsAndReportsTrainLossNotValidationLoss()
    {
        var (folder, file, connection) = EmbeddedPlatform("train-loss.yaml", """
            name: cli-train-loss
            metric: {name: train_loss, target: 9.0}
            method: grid
            base: {preset: tiny, max_iters: 4, eval_interval: 2, n_embd: 16}
            parameters:
              arch: {values: [mingru]}
            """);
        Assert.Equal(0, await Run(["sweep", "submit", file, .. connection]));
        var sweepId = Directory.GetDirectories(Path.Combine(folder, "data", "artifacts", "runs")).Select(Path.GetFileName).Single()!;

        using var status = CliProcess.Start(["sweep", "status", sweepId, .. connection]);
        Assert.Equal(0, await status.WaitForExit());
        Assert.Contains(status.Lines, line => line.StartsWith("  best train_loss mingru: ", StringComparison.Ordinal));
        Assert.DoesNotContain("val_loss", status.Output);
        var reportFolder = Path.Combine(folder, "report");
        using var report = CliProcess.Start(["sweep", "report", sweepId, "--out", reportFolder, "--sample_chars", "0", .. connection]);
        Assert.Equal(0, await report.WaitForExit());
        Assert.Contains(report.Lines, line => line.Contains("best train_loss", StringComparison.Ordinal));
        Assert.Contains("train_loss", File.ReadAllText(Path.Combine(reportFolder, "report.md")));
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>A temporary folder with the sweep file in it, and the options that give each command its own embedded platform there.</summary>
    private static (string Folder, string File, string[] Connection) EmbeddedPlatform(string fileName, string yaml)
    {
        var folder = Path.Combine(Path.GetTempPath(), "minrnn-cli-sweep", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, fileName);
        File.WriteAllText(file, yaml);
        Environment.SetEnvironmentVariable("MINRNN_DATA", TestCorpus.FilePath);
        return (folder, file, ["--data", Path.Combine(folder, "data"), "--gateway", $"{FreePort.Next()}", "--silo_port", $"{FreePort.Next()}"]);
    }

    private static Task<int> Run(string[] args, TextWriter? output = null) =>
        CommandLine.RunAsync(args, output ?? TextWriter.Null, TextWriter.Null, CancellationToken.None);
}
