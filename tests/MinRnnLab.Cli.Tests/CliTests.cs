using MinRnnLab.Cli;
using MinRnnLab.Cli.Commands;
using MinRnnLab.Config;

namespace MinRnnLab.Cli.Tests;

public class CliTests
{
    private static readonly string Corpus = MinRnnLab.Tests.Shared.TestCorpus.Folder;

    [Fact]
    public void OverridesParseInEveryForm()
    {
        var args = ParsedArgs.Parse(["train", "--preset", "tiny", "--n_layer=3", "--resume", "--lr", "0.1"]);
        Assert.Equal(["train"], args.Positional);
        Assert.Equal("tiny", args.Get("preset"));
        Assert.Equal("3", args.Get("n_layer"));
        Assert.True(args.Flag("resume"));
        Assert.Equal("0.1", args.Get("lr"));
    }

    [Fact]
    public void UnknownOverrideIsAnErrorNamingTheKey()
    {
        var args = ParsedArgs.Parse(["train", "--preset", "tiny", "--n_layers", "3"]);
        var error = Assert.Throws<ConfigException>(() => RunConfigLoader.Load(args, "resume"));
        Assert.Contains("'n_layers'", error.Message);
        Assert.Contains("--n_layers", error.Message);
    }

    [Fact]
    public async Task TrainWritesARunFolderThatSampleCanReadBack()
    {
        var outDir = Path.Combine(Path.GetTempPath(), "minrnn-cli-tests", Guid.NewGuid().ToString("N"));
        var args = ParsedArgs.Parse(["train", "--preset", "tiny", "--max_iters", "20", "--eval_interval", "10",
            "--data_path", Corpus, "--out_dir", outDir, "--sample_chars", "40"]);

        var exit = await TrainCommand.RunAsync(args, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(outDir, "config.json")));
        Assert.True(Directory.Exists(Path.Combine(outDir, "checkpoint")));
        Assert.Equal(41, File.ReadAllText(Path.Combine(outDir, "sample.txt")).Length);   // "\n" prompt + 40
        var best = MinRnnLab.Training.Sampling.TextSampler.FromCheckpoint(Path.Combine(outDir, "checkpoint-best"));
        using (best.Model)
            Assert.Equal(best.Sample("\n", 40), File.ReadAllText(Path.Combine(outDir, "sample.txt")));   // from the best weights
        var metrics = File.ReadAllLines(Path.Combine(outDir, "metrics.csv"));
        Assert.Equal(3, metrics.Count(l => l.StartsWith("eval,", StringComparison.Ordinal)));   // steps 0, 10, 20
        Assert.Equal(0, SampleCommand.Run(ParsedArgs.Parse(["sample", "--checkpoint", outDir, "--tokens", "10"]), TextWriter.Null, CancellationToken.None));
        Directory.Delete(outDir, recursive: true);
    }

    [Fact]
    public async Task SampleReadsTheBestCheckpointUnlessAskedForTheLatest()
    {
        var outDir = await TrainWithADamagedLatestCheckpoint();

        var best = await CommandLine.RunAsync(["sample", "--checkpoint", outDir, "--tokens", "10"], TextWriter.Null, TextWriter.Null, CancellationToken.None);
        var latest = await CommandLine.RunAsync(["sample", "--checkpoint", outDir, "--tokens", "10", "--latest"], TextWriter.Null, TextWriter.Null, CancellationToken.None);

        Assert.Equal(0, best);                                                          // the intact best checkpoint
        Assert.Equal(1, latest);                                                        // the damaged latest one
        Directory.Delete(outDir, recursive: true);
    }

    [Fact]
    public async Task AnUnexpectedErrorIsOneLineAndExitCodeOneWithoutATrace()
    {
        var outDir = await TrainWithADamagedLatestCheckpoint();
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exit = await CommandLine.RunAsync(["sample", "--checkpoint", outDir, "--latest"], output, errors, CancellationToken.None);

        Assert.Equal(1, exit);
        var lines = errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("error: unexpected ", lines[0]);
        Assert.Equal($"(set {CommandLine.TraceVariable}=1 to see where it happened)", lines[1].TrimEnd());
        Assert.DoesNotContain("   at ", errors.ToString());
        Directory.Delete(outDir, recursive: true);
    }

    /// <summary>
    /// A run folder whose latest checkpoint's config is not JSON (nothing the CLI has a message for) and whose best
    /// checkpoint (step 10 or 20: the loss falls from step 0's) is intact.
    /// </summary>
    private static async Task<string> TrainWithADamagedLatestCheckpoint()
    {
        var outDir = Path.Combine(Path.GetTempPath(), "minrnn-cli-tests", Guid.NewGuid().ToString("N"));
        Assert.Equal(0, await TrainCommand.RunAsync(ParsedArgs.Parse(["train", "--preset", "tiny", "--max_iters", "20",
            "--eval_interval", "10", "--data_path", Corpus, "--out_dir", outDir, "--sample_chars", "0"]), CancellationToken.None));
        var state = Path.Combine(outDir, "checkpoint", "state.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(state))!;
        json["ConfigJson"] = "not a config";
        File.WriteAllText(state, json.ToJsonString());
        Assert.True(Directory.Exists(Path.Combine(outDir, "checkpoint-best")));
        return outDir;
    }
}
