using MinRnnLab.Config;
using MinRnnLab.Models;
using MinRnnLab.Training.Trainer;
using static TorchSharp.torch;

namespace MinRnnLab.Training.Tests;

/// <summary>
/// A model's dropout masks come from its own seeds (<see cref="DropoutSeeds"/>), not from wherever libtorch's shared
/// generator stands: before, a run with dropout trained differently beside another run than alone.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class DropoutSeedsTests
{
    [Theory]
    [InlineData("transformer")]                                                         // its attention weights are dropped too
    [InlineData("mingru")]
    public void AModelDrawsTheSameMasksWhateverElseDrawsBetweenItsSteps(string arch)
    {
        var alone = TwoTrainingForwards(arch, betweenDraws: () => { });
        var besideOthers = TwoTrainingForwards(arch, betweenDraws: () =>
        {
            randn(1000).Dispose();
            using var neighbour = ModelFactory.Create(Config(arch), seed: 99);
            neighbour.train();
            using var idx = zeros(2, 8, dtype: int64);
            neighbour.forward(idx).Dispose();
        });

        Assert.NotEqual(alone[0], alone[1]);                                            // each step draws new masks
        Assert.Equal(alone, besideOthers);
    }

    [Fact]
    public void WhereTheHashedMaskCannotRunLibtorchsDrawIsSeededFromTheModelsSeeds()
    {
        bool[] Mask(Action betweenDraws)
        {
            using var dropout = new LockedDropout(0.5) { Seeds = new DropoutSeeds(5) };
            dropout.train();
            betweenDraws();
            using var y = dropout.forward(ones(1000, dtype: bfloat16));                 // bfloat16: libtorch's dropout
            return y.to(float32).data<float>().ToArray().Select(v => v != 0).ToArray();
        }

        Assert.Equal(Mask(() => { }), Mask(() => randn(1000).Dispose()));
    }

    [Fact]
    public void AModelResumedAtItsDrawCountDrawsTheMasksItWouldHaveDrawn()
    {
        var straight = TwoTrainingForwards("mingru", betweenDraws: () => { });
        using var model = ModelFactory.Create(Config("mingru"), seed: 7);
        model.train();
        model.DropoutSeeds!.Drawn = DrawsPerForward(model);

        using var idx = arange(16, dtype: int64).reshape(2, 8);
        using var logits = model.forward(idx);

        Assert.Equal(straight[1], logits.data<float>().ToArray());
    }

    [Fact]
    public async Task ARunWithDropoutTrainsTheSameBesideAnotherRunAsAlone()
    {
        var config = ConfigBinder.Bind(Presets.Get("tiny").Concat(
            [new ConfigValue("dropout", "0.2", "test"), new ConfigValue("max_iters", "20", "test"), new ConfigValue("log_interval", "1", "test")]));
        var alone = new RecordingObserver();
        using (var trainer = new TrainingLoop(config, TestData.Dataset, alone))
            trainer.Run();

        var beside = new RecordingObserver();
        var neighbourConfig = config with { Train = config.Train with { Seed = config.Train.Seed + 1, MaxIters = 40 } };
        var neighbour = Task.Run(() =>
        {
            using var trainer = new TrainingLoop(neighbourConfig, TestData.Dataset, new RecordingObserver());
            trainer.Run();
        });
        await Task.Run(() =>
        {
            using var trainer = new TrainingLoop(config, TestData.Dataset, beside);
            trainer.Run();
        });
        await neighbour;

        Assert.Equal(alone.Steps.Select(s => (s.Step, s.TrainLoss)), beside.Steps.Select(s => (s.Step, s.TrainLoss)));
    }

    [Fact]
    public void ACheckpointFromBeforeDropoutSeedsResumesFromTheSharedGenerator()
    {
        var config = ConfigBinder.Bind(Presets.Get("tiny").Concat(
            [new ConfigValue("dropout", "0.2", "test"), new ConfigValue("max_iters", "20", "test")]));
        var folder = TestData.TempFolder();
        using (var trainer = new TrainingLoop(config, TestData.Dataset, new RecordingObserver(), folder))
            trainer.Run();
        var statePath = Path.Combine(Checkpoints.CheckpointStore.Find(folder)!, "state.json");
        var state = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(statePath))!.AsObject();
        Assert.True(state.Remove(nameof(Checkpoints.CheckpointState.DropoutMasksDrawn)));
        File.WriteAllText(statePath, state.ToJsonString());
        randn(1000).Dispose();                                                          // the generator moves on

        using var resumed = new TrainingLoop(config with { Train = config.Train with { MaxIters = 30 } }, TestData.Dataset,
            new RecordingObserver(), folder);
        Assert.True(resumed.TryResume());

        Assert.Null(resumed.Model.DropoutSeeds);
        using var generator = random.get_rng_state();
        Assert.Equal(Checkpoints.CheckpointStore.ReadState(folder).TorchRngState, generator.data<byte>().ToArray());
        Directory.Delete(folder, recursive: true);
    }

    private static ModelConfig Config(string arch) => new()
    {
        Arch = ArchitectureNames.Parse(arch), NLayer = 2, NHead = 2, NEmbd = 16, BlockSize = 8, VocabSize = 16, Dropout = 0.5,
    };

    // Logits of two forward passes in training mode, seed 7, with betweenDraws run before each.
    private static List<float[]> TwoTrainingForwards(string arch, Action betweenDraws)
    {
        using var model = ModelFactory.Create(Config(arch), seed: 7);
        model.train();
        using var idx = arange(16, dtype: int64).reshape(2, 8);
        var outputs = new List<float[]>();
        for (var step = 0; step < 2; step++)
        {
            betweenDraws();
            using var logits = model.forward(idx);
            outputs.Add(logits.data<float>().ToArray());
        }
        return outputs;
    }

    private static long DrawsPerForward(LanguageModel model)
    {
        using var probe = ModelFactory.Create(model.Config, seed: 7);
        probe.train();
        using var idx = arange(16, dtype: int64).reshape(2, 8);
        probe.forward(idx).Dispose();
        return probe.DropoutSeeds!.Drawn;
    }
}
