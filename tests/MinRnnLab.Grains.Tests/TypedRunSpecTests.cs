using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using Orleans.Serialization;

namespace MinRnnLab.Grains.Tests;

/// <summary>A run's config travels as a typed record: Orleans' codecs between silos and clients, config JSON where it is stored.</summary>
public sealed class TypedRunSpecTests
{
    private static readonly RunSpec Spec = new("s/3", "s", 3, "minlstm", new() { ["learning_rate"] = "0.003" }, 7,
        new RunConfig(
            new ModelConfig { Arch = Architecture.MinLstm, NLayer = 2, Block = BlockShape.Gated, Mlp = true, Init = InitScheme.Nanogpt },
            new TrainConfig { LearningRate = 3e-3, EvalMode = EvalMode.Full, Device = "cuda:1", Seed = 7, DataPath = "/data/x.txt" }),
        2, 1.6, "cuda", new SweepMetric("train_loss", false));

    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void ARunSpecCrossesTheWireWithEveryConfigKeyIntact()
    {
        var back = Serializer.Deserialize<RunSpec>(Serializer.SerializeToArray(Spec))!;

        Assert.Equal(Spec.Config, back.Config);
        Assert.Equal((Spec.RunId, Spec.Seed, Spec.Metric, Spec.DeviceKind), (back.RunId, back.Seed, back.Metric, back.DeviceKind));
        Assert.Equal(Spec.Parameters, back.Parameters);
    }

    [Fact]
    public void StoredAsJsonTheConfigIsTheConfigFileTextUnderItsOldName()
    {
        var json = JsonSerializer.SerializeToNode(Spec)!;

        Assert.Null(json["Config"]);
        Assert.Equal(ConfigJson.Serialize(Spec.Config), json["ConfigJson"]!.GetValue<string>());
        Assert.Equal(Spec.Config, JsonSerializer.Deserialize<RunSpec>(json)!.Config);
    }

    [Fact]
    public void AConfigWithNoKeyAtItsDefaultCrossesTheWireUnchanged()
    {
        var config = new RunConfig(
            new ModelConfig
            {
                Arch = Architecture.Mamba, NLayer = 2, NHead = 2, NEmbd = 48, BlockSize = 32, VocabSize = 70, Dropout = 0.1, Bias = false,
                Expansion = 3, ConvKernel = 3, DState = 8, Block = BlockShape.Gated, ConvResidual = false, Mlp = true, RnnBias = false,
                Init = InitScheme.Pytorch,
            },
            new TrainConfig
            {
                BatchSize = 8, MaxIters = 99, EvalInterval = 9, EvalIters = 3, EvalMode = EvalMode.Full, LogInterval = 3, LearningRate = 0.02,
                MinLr = 0.001, WarmupIters = 7, LrDecayIters = 50, DecayLr = false, WeightDecay = 0.3, Beta1 = 0.8, Beta2 = 0.95, GradClip = 0.5,
                Seed = 5, Device = "cuda:1", Threads = 2, CheckpointInterval = 11, DataPath = "/d.txt", OutDir = "/o", SampleChars = 7,
            });
        Assert.All(ConfigKeys.All.Append("vocab_size"), key => Assert.NotEqual(ValueOf(new RunConfig(), key), ValueOf(config, key)));

        var back = Serializer.Deserialize<RunConfig>(Serializer.SerializeToArray(config));

        Assert.Equal(config, back);
    }

    private static object? ValueOf(RunConfig config, string key) =>
        SectionValue(config.Model, key) ?? SectionValue(config.Train, key);

    private static object? SectionValue(object section, string key) =>
        section.GetType().GetProperties().FirstOrDefault(p => ConfigKeys.Naming.ConvertName(p.Name) == key)?.GetValue(section);
}
