using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Worker.Tests;

public class ReadmeClientExampleTests
{
    [Fact]
    public async Task TheReadmeClientExampleRunsASweepToItsReport()
    {
        var folder = Path.Combine(Path.GetTempPath(), "minrnn-readme", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var sweepFile = Path.Combine(folder, "tiny.yaml");
        File.WriteAllText(sweepFile, """
            name: readme
            metric: {name: val_loss}
            method: grid
            base: {preset: tiny, max_iters: 10, eval_interval: 5, n_embd: 16}
            parameters:
              arch: {values: [transformer, mingru]}
            """);
        var options = Lab.NewOptions(Path.Combine(folder, "data"));

        var report = await ReadmeClientExample.RunAsync(options, sweepFile);

        Assert.Equal(2, report.Trials.Count);
        Assert.All(report.Trials, t => Assert.Equal("succeeded", t.State));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void TheReadmeShowsExactlyTheCodeThisTestRuns()
    {
        var source = File.ReadAllLines(Repository.PathOf("tests", "MinRnnLab.Worker.Tests", "ReadmeClientExample.cs"));
        var begin = Array.FindIndex(source, l => l.Contains("// README:begin"));
        var end = Array.FindIndex(source, l => l.Contains("// README:end"));
        var example = source[(begin + 1)..end].Select(l => l.Length >= 8 ? l[8..] : l.Trim());

        var readme = File.ReadAllText(Repository.PathOf("README.md")).Replace("\r\n", "\n");

        Assert.Contains(string.Join("\n", example), readme);
    }
}
