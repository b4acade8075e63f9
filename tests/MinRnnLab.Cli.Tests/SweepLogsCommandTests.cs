using MinRnnLab.Cli.Commands;
using MinRnnLab.Storage;

namespace MinRnnLab.Cli.Tests;

public class SweepLogsCommandTests
{
    [Fact]
    public void LogsPrintsTheLastLinesOfTheRunsLogFromTheDataFolder()
    {
        var data = Path.Combine(Path.GetTempPath(), "minrnn-cli-logs", Guid.NewGuid().ToString("N"));
        var log = new RunLog(new LabPaths(data).RunLogFile("sweep-1/0"));
        for (var step = 0; step <= 100; step += 10)
            log.Write($"step {step}: train loss 2.0000, val loss 2.1000");
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exit = SweepLogsCommand.Run(ParsedArgs.Parse(["sweep", "logs", "sweep-1/0", "--lines", "2", "--data", data]), output, errors);

        Assert.Equal(0, exit);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith(" step 90: train loss 2.0000, val loss 2.1000", lines[0]);
        Assert.EndsWith(" step 100: train loss 2.0000, val loss 2.1000", lines[1]);
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public void LogsOfARunWithoutOneSaysThereIsNoLogYet()
    {
        var data = Path.Combine(Path.GetTempPath(), "minrnn-cli-logs", Guid.NewGuid().ToString("N"));
        var errors = new StringWriter();

        var exit = SweepLogsCommand.Run(ParsedArgs.Parse(["sweep", "logs", "nothing/0", "--data", data]), TextWriter.Null, errors);

        Assert.Equal(1, exit);
        Assert.StartsWith("no log yet for run nothing/0", errors.ToString());
        Directory.Delete(data, recursive: true);
    }
}
