using static TorchSharp.torch;

namespace MinRnnLab.Models;

/// <summary>The one place that maps an architecture name to the block it stacks.</summary>
public static class ModelFactory
{
    public static LanguageModel Create(ModelConfig config) => new(config, BlockFor(config.Arch));

    private static Func<ModelConfig, nn.Module<Tensor, Tensor>> BlockFor(Architecture arch) => arch switch
    {
        Architecture.Transformer => c => new TransformerBlock(c),
        Architecture.MinGru or Architecture.MinLstm => c => new MinRnnBlock(c),
        Architecture.Gru or Architecture.Lstm => c => new RnnBlock(c),
        Architecture.Mamba => c => new MambaBlock(c),
        _ => throw new ArgumentOutOfRangeException(nameof(arch), arch, "unknown architecture"),
    };
}
