using MinRnnLab.Cli;
using MinRnnLab.Cli.Commands;
using MinRnnLab.Storage;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Cli.Tests;

public class SweepLogsCommandTests
{
    [Fact]
    public async Task LogsPrintsTheLastLinesOfTheRunsLogFromTheDataFolder()
    {
        var data = Path.Combine(Path.GetTempPath(), "minrnn-cli-logs", Guid.NewGuid().ToString("N"));
        var log = new RunLog(new LabPaths(data).RunLogFile("sweep-1/0"));
        for (var step = 0; step <= 100; step += 10)
            log.Write($"step {step}: train loss 2.0000, val loss 2.1000");
        var (output, errors) = (new StringWriter(), new StringWriter());

        // No platform is running or started: a log on disk is read as it is.
        var exit = await SweepLogsCommand.RunAsync(ParsedArgs.Parse(["sweep", "logs", "sweep-1/0", "--lines", "2", "--data", data, "--gateway", "1"]),
            output, errors, CancellationToken.None);

        Assert.Equal(0, exit);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith(" step 90: train loss 2.0000, val loss 2.1000", lines[0]);
        Assert.EndsWith(" step 100: train loss 2.0000, val loss 2.1000", lines[1]);
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task LogsOfARunNoSweepCreatedSaysThereIsNoSuchRun()
    {
        var data = Path.Combine(Path.GetTempPath(), "minrnn-cli-logs", Guid.NewGuid().ToString("N"));
        Environment.SetEnvironmentVariable("MINRNN_DATA", MinRnnLab.Tests.Shared.TestCorpus.FilePath);
        var errors = new StringWriter();

        // Nothing listens on the gateway: the command asks an embedded platform on the data folder.
        var exit = await CommandLine.RunAsync(["sweep", "logs", "nothing/0", "--data", data,
            "--gateway", $"{FreePort.Next()}", "--silo_port", $"{FreePort.Next()}"], TextWriter.Null, errors, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Equal("error: no run 'nothing/0'", errors.ToString().Trim());
        Directory.Delete(data, recursive: true);
    }
}
