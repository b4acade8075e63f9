using MinRnnLab.Hosting;
using MinRnnLab.Abstractions;
using MinRnnLab.Worker.Artifacts;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// The artifact grain trusts no caller: an id nobody created is "not found" (no folder is looked for, none is made),
/// a run without a checkpoint says so, and a request out of bounds is refused with what is wrong, the silo unharmed.
/// </summary>
public class ArtifactGrainTests
{
    private const string NoCheckpointRun = """
        name: artifacts
        metric: {name: val_loss}
        method: grid
        base: {preset: tiny, max_iters: 10, eval_interval: 5}
        """;

    [Fact]
    public async Task UnknownRunsAreNotFoundRunsWithoutACheckpointSaySoAndRequestsOutOfBoundsAreRefused()
    {
        await using var lab = await Lab.StartAsync(executor: ExecutorKind.Noop);                  // finishes runs without writing checkpoints
        var sweep = await lab.SubmitAsync(NoCheckpointRun);
        await lab.Client.WaitForSweepAsync(sweep.SweepId);
        var runId = $"{sweep.SweepId}/0";
        var runsFolder = Path.Combine(lab.Options.DataFolder, "artifacts", "runs");
        var foldersBefore = Directory.Exists(runsFolder) ? Directory.GetDirectories(runsFolder, "*", SearchOption.AllDirectories) : [];

        foreach (var unknown in new[] { "no-such-sweep/0", $"{sweep.SweepId}/99", "../../outside", "" })
        {
            Assert.Null(await lab.Client.ListCheckpointsAsync(unknown));
            Assert.Null(await lab.Client.SampleAsync(unknown, "ROMEO:", tokens: 10));
            Assert.Null(await lab.Client.ReadLogTailAsync(unknown, 10));
        }
        Assert.Equal(foldersBefore, Directory.Exists(runsFolder) ? Directory.GetDirectories(runsFolder, "*", SearchOption.AllDirectories) : []);

        var listed = await lab.Client.ListCheckpointsAsync(runId);
        Assert.NotNull(listed);
        Assert.Empty(listed);
        var none = await Assert.ThrowsAsync<InvalidOperationException>(() => lab.Client.SampleAsync(runId, "ROMEO:", tokens: 10));
        Assert.Equal($"run '{runId}' has no checkpoint yet", none.Message);

        foreach (var (prompt, tokens, temperature, expected) in new[]
                 {
                     ("ROMEO:", 0, 0.8, "length 0 is not between 1 and 2000"),
                     ("ROMEO:", SampleRequest.MaxLength + 1, 0.8, "length 2001 is not between 1 and 2000"),
                     ("ROMEO:", 10, 0.0, "temperature 0 is not above 0"),
                     ("ROMEO:", 10, double.NaN, "temperature NaN is not above 0"),
                     (new string('a', SampleRequest.MaxPromptLength + 1), 10, 0.8, "the prompt has 1001 characters"),
                 })
        {
            var refused = await Assert.ThrowsAsync<ArgumentException>(() => lab.Client.SampleAsync(runId, prompt, tokens, temperature));
            Assert.StartsWith(expected, refused.Message);
        }
        foreach (var lines in new[] { 0, -1, ArtifactGrain.MaxLogLines + 1 })
        {
            var refused = await Assert.ThrowsAsync<ArgumentException>(() => lab.Client.ReadLogTailAsync(runId, lines));
            Assert.StartsWith($"{lines} log lines asked for", refused.Message);
        }

        Assert.NotNull(await lab.Client.ReadLogTailAsync(runId, ArtifactGrain.MaxLogLines));   // the silo is unharmed
    }
}
