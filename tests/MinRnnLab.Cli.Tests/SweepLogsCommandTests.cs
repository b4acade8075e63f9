using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Cli.Tests;

/// <summary>`sweep logs` asks the platform's artifact grain; SweepCommandsTests reads a real run's log through it.</summary>
public class SweepLogsCommandTests
{
    [Fact]
    public async Task LogsOfARunNoSweepCreatedSaysThereIsNoSuchRun()
    {
        var data = Path.Combine(Path.GetTempPath(), "minrnn-cli-logs", Guid.NewGuid().ToString("N"));
        Environment.SetEnvironmentVariable("MINRNN_DATA", MinRnnLab.Tests.Shared.TestCorpus.FilePath);
        var errors = new StringWriter();
        var gateway = FreePort.Next();

        // Nothing listens on the gateway: the command says so, and asks an embedded platform on the data folder.
        var exit = await CommandLine.RunAsync(["sweep", "logs", "nothing/0", "--data", data,
            "--gateway", $"{gateway}", "--silo_port", $"{FreePort.Next()}"], TextWriter.Null, errors, CancellationToken.None);

        Assert.Equal(2, exit);
        var lines = errors.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([$"platform: none answers on gateway 127.0.0.1:{gateway}; starting an embedded one on data folder {data}, which runs while this command does",
            "error: no run 'nothing/0'"], lines);
        Directory.Delete(data, recursive: true);
    }
}
