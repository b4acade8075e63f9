using System.Text.Json.Nodes;
using MinRnnLab.Config;
using MinRnnLab.Training.Checkpoints;
using MinRnnLab.Training.Sampling;
using MinRnnLab.Training.Trainer;

namespace MinRnnLab.Training.Tests;

/// <summary>A damaged or foreign checkpoint is an InvalidDataException that names the file, not a parser's bare error.</summary>
[Collection(TorchGlobalState.Name)]
public sealed class DamagedCheckpointTests : IDisposable
{
    private readonly string root = TestData.TempFolder();

    private string Checkpoint => Path.Combine(root, "checkpoint");

    public DamagedCheckpointTests()
    {
        var config = ConfigBinder.Bind(Presets.Get("tiny").Concat(
            [new ConfigValue("max_iters", "2", "test"), new ConfigValue("checkpoint_interval", "2", "test"), new ConfigValue("eval_interval", "2", "test")]));
        using var trainer = new TrainingLoop(config, TestData.Dataset, new RecordingObserver(), Checkpoint);
        trainer.Run();
    }

    [Theory]
    [InlineData("{ not json", "is damaged")]
    [InlineData("", "is damaged")]
    [InlineData("null", "is empty")]
    [InlineData("{\"Step\": 3}", "has no ConfigJson, Vocabulary, TorchRngState")]
    public void AStateFileThatIsNotOneIsNamed(string content, string problem)
    {
        var state = Path.Combine(Checkpoint, "state.json");
        File.WriteAllText(state, content);

        var error = Assert.Throws<InvalidDataException>(() => CheckpointStore.ReadState(Checkpoint));

        Assert.Contains(state, error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void ATruncatedWeightsFileIsNamed()
    {
        var model = Path.Combine(Checkpoint, "model.bin");
        File.WriteAllBytes(model, File.ReadAllBytes(model)[..100]);

        var error = Assert.Throws<InvalidDataException>(() => TextSampler.FromCheckpoint(Checkpoint));

        Assert.Contains(model, error.Message);
    }

    [Fact]
    public void WeightsOfAnotherModelAreNamed()
    {
        var state = Path.Combine(Checkpoint, "state.json");
        var json = JsonNode.Parse(File.ReadAllText(state))!;
        var config = JsonNode.Parse(json["ConfigJson"]!.GetValue<string>())!;
        config["model"]!["n_layer"] = 3;                                               // the file holds 2 layers
        json["ConfigJson"] = config.ToJsonString();
        File.WriteAllText(state, json.ToJsonString());

        var error = Assert.Throws<InvalidDataException>(() => TextSampler.FromCheckpoint(Checkpoint));

        Assert.Contains(Path.Combine(Checkpoint, "model.bin"), error.Message);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
