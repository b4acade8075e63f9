using MinRnnLab.Config;
using static TorchSharp.torch;

namespace MinRnnLab.Models;

/// <summary>The one place that maps an architecture and block shape to the block a model stacks.</summary>
public static class ModelFactory
{
    /// <summary>
    /// A model with fresh weights drawn from libtorch's generator, seeded with <paramref name="seed"/> when one is
    /// given, with no other draw in between (<see cref="GlobalGenerator"/>); a seed also starts the model's own
    /// dropout seeds (<see cref="DropoutSeeds"/>).
    /// Built by <see cref="ScopedBuild"/>, so that no temporary of the build is freed while libtorch reads it.
    /// </summary>
    public static LanguageModel Create(ModelConfig config, long? seed = null)
    {
        lock (GlobalGenerator.Gate)
        {
            if (seed is long s)
                manual_seed(s);
            var model = ScopedBuild.Module(() => new LanguageModel(config, BlockFor(config)));
            if (seed is long dropoutSeed)
                model.DropoutSeeds = new DropoutSeeds(dropoutSeed);
            return model;
        }
    }

    private static Func<ModelConfig, nn.Module<Tensor, Tensor>> BlockFor(ModelConfig config) => config.Arch switch
    {
        Architecture.Transformer => c => new TransformerBlock(c),
        Architecture.Gru or Architecture.Lstm => c => new RnnBlock(c),
        Architecture.MinGru or Architecture.MinLstm or Architecture.Mamba => config.EffectiveBlock() switch
        {
            BlockShape.Paper => c => new MinRnnBlock(c),
            BlockShape.Gated => c => new GatedBlock(c),
            var shape => throw new ArgumentOutOfRangeException(nameof(config), shape, "unknown block shape"),
        },
        var arch => throw new ArgumentOutOfRangeException(nameof(config), arch, "unknown architecture"),
    };
}
