using MinRnnLab.Config;
using MinRnnLab.Models;
using static TorchSharp.torch;

namespace MinRnnLab.Training.Tests;

/// <summary>
/// A seed fixes a model's initial weights even while the silo's other trainer draws from libtorch's generator (its
/// dropout masks, its own model): without <see cref="GlobalGenerator.Gate"/> two runs of one seed started together
/// differed from step 0.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class GlobalGeneratorTests
{
    [Fact]
    public async Task ASeedBuildsTheSameModelBesideAnotherModelsDrawsAndDropout()
    {
        var config = new ModelConfig { Arch = Architecture.Mamba, NLayer = 2, NEmbd = 32, BlockSize = 16, Dropout = 0.5 };
        var reference = Weights(config);
        using var stop = new CancellationTokenSource();
        var neighbour = Task.Run(() =>
        {
            using var dropout = new LockedDropout(0.5);
            dropout.train();
            using var x = ones(256, 256);
            while (!stop.IsCancellationRequested)
                dropout.forward(x).Dispose();
        });

        var builders = Enumerable.Range(0, 2).Select(_ => Task.Run(() => Enumerable.Range(0, 8).Select(_ => Weights(config)).ToList())).ToList();
        var built = (await Task.WhenAll(builders)).SelectMany(models => models).ToList();
        await stop.CancelAsync();
        await neighbour;

        Assert.All(built, weights => Assert.Equal(reference, weights));
    }

    private static float[] Weights(ModelConfig config)
    {
        using var model = ModelFactory.Create(config, seed: 1339);
        return model.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
    }
}
