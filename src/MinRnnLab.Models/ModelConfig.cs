namespace MinRnnLab.Models;

/// <summary>
/// Shape of a language model. Property names map to snake_case config keys (NEmbd ↔ n_embd).
/// Defaults are nanoGPT's shakespeare_char model.
/// </summary>
public sealed record ModelConfig
{
    /// <summary>Which sequence-mixing block the model stacks.</summary>
    public Architecture Arch { get; init; } = Architecture.Transformer;
    public int NLayer { get; init; } = 6;
    /// <summary>Attention heads (transformer only).</summary>
    public int NHead { get; init; } = 6;
    public int NEmbd { get; init; } = 384;
    /// <summary>Context length in tokens: the training window, and the transformer's position table.</summary>
    public int BlockSize { get; init; } = 256;
    /// <summary>Set from the dataset; 65 for tiny Shakespeare.</summary>
    public int VocabSize { get; init; } = 65;
    public double Dropout { get; init; } = 0.2;
    /// <summary>Biases in Linear and LayerNorm layers (nanoGPT: True is a bit better and slower).</summary>
    public bool Bias { get; init; } = true;
    /// <summary>Width multiplier of the recurrent core (minGRU/minLSTM hidden, Mamba inner), the paper's 2.</summary>
    public int Expansion { get; init; } = 2;
    /// <summary>Causal depthwise conv kernel in front of minRNN and Mamba cores.</summary>
    public int ConvKernel { get; init; } = 4;
    /// <summary>Mamba state size N per channel (the paper's 16).</summary>
    public int DState { get; init; } = 16;

    /// <summary>Throws with the offending key when the shape cannot build a model.</summary>
    public void Validate()
    {
        Require(NLayer >= 1, "n_layer", NLayer, "at least 1");
        Require(NEmbd >= 1, "n_embd", NEmbd, "at least 1");
        Require(BlockSize >= 1, "block_size", BlockSize, "at least 1");
        Require(VocabSize >= 2, "vocab_size", VocabSize, "at least 2");
        Require(Dropout is >= 0 and < 1, "dropout", Dropout, "in [0, 1)");
        Require(Expansion >= 1, "expansion", Expansion, "at least 1");
        Require(ConvKernel >= 1, "conv_kernel", ConvKernel, "at least 1");
        Require(DState >= 1, "d_state", DState, "at least 1");
        if (Arch == Architecture.Transformer)
        {
            Require(NHead >= 1, "n_head", NHead, "at least 1");
            Require(NEmbd % NHead == 0, "n_head", NHead, $"a divisor of n_embd ({NEmbd})");
        }
    }

    private static void Require(bool ok, string key, object value, string expected)
    {
        if (!ok)
            throw new ArgumentException($"config key '{key}' = {value} is invalid: expected {expected}");
    }
}
