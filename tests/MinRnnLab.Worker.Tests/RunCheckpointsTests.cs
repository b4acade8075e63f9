using System.Text.Json.Nodes;
using MinRnnLab.Abstractions;
using MinRnnLab.Storage;
using MinRnnLab.Tests.Shared;
using MinRnnLab.Training.Checkpoints;
using MinRnnLab.Training.Sampling;

namespace MinRnnLab.Worker.Tests;

/// <summary>A platform run keeps its best checkpoint beside its latest; the artifact grain lists both and samples the best by default.</summary>
public class RunCheckpointsTests
{
    private const string OneRun = """
        name: checkpoints
        metric: {name: val_loss}
        method: grid
        base: {preset: tiny, max_iters: 20, eval_interval: 10, n_embd: 16}
        checkpoint_interval: 10
        """;

    [Fact]
    public void TheGrainsNameTheBestCheckpointsFolderAsTheTrainerWritesIt()
    {
        // Retention removes best checkpoints from grains, which must not load the trainer: one folder, two spellings.
        var paths = new LabPaths(Path.Combine(Path.GetTempPath(), "minrnn-best-folder", Guid.NewGuid().ToString("N")));
        Assert.Equal(BestCheckpoint.FolderBeside(paths.CheckpointFolder("s/3")), paths.BestCheckpointFolder("s/3"));
        Directory.Delete(paths.DataFolder, recursive: true);
    }

    [Fact]
    public async Task ARunListsItsBestAndLatestCheckpointsAndSamplesTheBestUnlessAskedForTheLatest()
    {
        await using var lab = await Lab.StartAsync();
        var sweep = await lab.SubmitAsync(OneRun);
        var runId = $"{sweep.SweepId}/0";
        await lab.Client.WaitForSweepAsync(sweep.SweepId);
        var status = await lab.Client.Run(runId).GetStatus().Found();

        var listed = await lab.Client.ListCheckpointsAsync(runId).Found();

        Assert.Equal([CheckpointKind.Best, CheckpointKind.Latest], listed.Select(c => c.Kind));
        Assert.Equal((status.BestStep, 20), (listed[0].Step, listed[1].Step));

        // With the latest checkpoint's config damaged, only a sample from the best one can succeed.
        var latest = new LabPaths(lab.Options.DataFolder).CheckpointFolder(runId);
        var state = Path.Combine(latest, "state.json");
        var json = JsonNode.Parse(File.ReadAllText(state))!;
        json["ConfigJson"] = "not a config";
        File.WriteAllText(state, json.ToJsonString());

        var text = await lab.Client.SampleAsync(runId, "ROMEO:", tokens: 20, seed: 7);
        var sampler = TextSampler.FromCheckpoint(BestCheckpoint.FolderBeside(latest));
        using (sampler.Model)
            Assert.Equal(sampler.Sample("ROMEO:", 20, 0.8, 50, 7), text);
        await Assert.ThrowsAnyAsync<Exception>(() => lab.Client.SampleAsync(runId, "ROMEO:", tokens: 20, checkpoint: CheckpointKind.Latest));
    }
}
