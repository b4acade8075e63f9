using MinRnnLab.Cli.Commands;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Cli.Tests;

/// <summary>
/// `sweep validate` and `sweep submit` on deeply nested files, in this process: each prints one located error and
/// exits with 2 (they used to die with exit 134, a stack overflow).
/// </summary>
public class DeepSweepFileTests
{
    [Theory]
    [MemberData(nameof(DeepYaml.Names), MemberType = typeof(DeepYaml))]
    public void ValidatePrintsOneLocatedError(string name)
    {
        var deep = DeepYaml.Named(name);
        var path = Write(deep.Text);
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exit = SweepValidateCommand.Run(path, output, errors);

        Assert.Equal(2, exit);
        var lines = errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"{path}:{deep.Line}:{deep.Column}: ", lines[0]);
        Assert.Contains(deep.Message, lines[0]);
        Assert.Equal($"1 error(s) in {path}", lines[1].TrimEnd());
    }

    [Fact]
    public void ValidateRejectsAFileOverTheSizeLimitAtItsStart()
    {
        var path = Write(new string('#', 1024 * 1024));
        var errors = new StringWriter();

        var exit = SweepValidateCommand.Run(path, TextWriter.Null, errors);

        Assert.Equal(2, exit);
        Assert.StartsWith($"{path}:1:1: the file is {DeepYaml.TooLong}", errors.ToString());
    }

    [Fact]
    public async Task SubmitPrintsOneLocatedError()
    {
        var folder = Path.GetDirectoryName(Write(""))!;
        var data = Path.Combine(folder, "data");
        Environment.SetEnvironmentVariable("MINRNN_DATA", TestCorpus.FilePath);
        foreach (var deep in DeepYaml.All)
        {
            var path = Write(deep.Text);
            var errors = new StringWriter();
            string[] connection = ["--data", data, "--gateway", $"{FreePort.Next()}", "--silo_port", $"{FreePort.Next()}"];

            var exit = await CommandLine.RunAsync(["sweep", "submit", path, .. connection], TextWriter.Null, errors, CancellationToken.None);

            Assert.Equal(2, exit);
            // After the line that says which platform it talks to (an embedded one: none answers on the gateway).
            var lines = errors.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("platform: none answers on gateway", lines[0]);
            Assert.StartsWith($"{path}:{deep.Line}:{deep.Column}: ", lines[1]);
            Assert.Contains(deep.Message, lines[1]);
        }
    }

    private static string Write(string yaml)
    {
        var folder = Path.Combine(Path.GetTempPath(), "minrnn-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "sweep.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
