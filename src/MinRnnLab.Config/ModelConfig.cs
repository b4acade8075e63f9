using Orleans;

namespace MinRnnLab.Config;

/// <summary>
/// Shape of a language model. Property names map to snake_case config keys (NEmbd ↔ n_embd).
/// Defaults are nanoGPT's shakespeare_char model.
/// </summary>
// Each key's [Id] is its Orleans wire id (the build refuses a key without one, ORLEANS0004); never reuse an id.
[GenerateSerializer, Immutable, Alias("MinRnnLab.ModelConfig")]
public sealed record ModelConfig
{
    /// <summary>Which sequence-mixing block the model stacks.</summary>
    [Id(0)] public Architecture Arch { get; init; } = Architecture.Transformer;
    [Id(1)] public int NLayer { get; init; } = 6;
    /// <summary>Attention heads (transformer only).</summary>
    [Id(2)] public int NHead { get; init; } = 6;
    [Id(3)] public int NEmbd { get; init; } = 384;
    /// <summary>Context length in tokens: the training window, and the transformer's position table.</summary>
    [Id(4)] public int BlockSize { get; init; } = 256;
    /// <summary>Set from the dataset; 65 for tiny Shakespeare.</summary>
    [Id(5)] public int VocabSize { get; init; } = 65;
    [Id(6)] public double Dropout { get; init; } = 0.2;
    /// <summary>Biases in Linear and LayerNorm layers (nanoGPT: True is a bit better and slower).</summary>
    [Id(7)] public bool Bias { get; init; } = true;
    /// <summary>Width multiplier of the recurrent core (minGRU/minLSTM hidden, Mamba inner), the paper's 2.</summary>
    [Id(8)] public int Expansion { get; init; } = 2;
    /// <summary>Causal depthwise conv kernel in front of minRNN and Mamba cores.</summary>
    [Id(9)] public int ConvKernel { get; init; } = 4;
    /// <summary>Mamba state size N per channel (the paper's 16).</summary>
    [Id(10)] public int DState { get; init; } = 16;
    /// <summary>
    /// Block shape around a minGRU, minLSTM or Mamba core; unset (`auto`) is the architecture's own: paper for
    /// minGRU/minLSTM, gated for Mamba. Mamba's selective SSM runs in the gated block only.
    /// </summary>
    [Id(11)] public BlockShape? Block { get; init; }
    /// <summary>
    /// Paper block only: the core reads u + conv(u) instead of conv(u), u = norm(x). Unset (`auto`): on for the paper
    /// block, which with it reached the reference implementation's loss (docs/results/cpu-ablation/), off otherwise.
    /// A config stored before `auto` was the default has no such key and reads as false (see StoredConfigDefaults).
    /// </summary>
    [Id(12)] public bool? ConvResidual { get; init; }
    /// <summary>MLP after the mixing in minRNN and Mamba blocks; unset (`auto`): the paper block has one, the gated block not.</summary>
    [Id(13)] public bool? Mlp { get; init; }
    /// <summary>Bias on the minGRU/minLSTM input projection; unset (`auto`) follows <see cref="Bias"/>.</summary>
    [Id(14)] public bool? RnnBias { get; init; }
    /// <summary>Weight initialisation; see <see cref="InitScheme"/>.</summary>
    [Id(15)] public InitScheme Init { get; init; } = InitScheme.Nanogpt;

    /// <summary>The block shape this config builds: <see cref="Block"/>, or the architecture's own when unset.</summary>
    public BlockShape EffectiveBlock() => Block ?? (Arch == Architecture.Mamba ? BlockShape.Gated : BlockShape.Paper);

    /// <summary>Whether a minRNN or Mamba block ends with an MLP.</summary>
    public bool HasMlp() => Mlp ?? EffectiveBlock() == BlockShape.Paper;

    /// <summary>Whether the paper block's core reads u + conv(u): <see cref="ConvResidual"/>, or on for the paper block when unset.</summary>
    public bool HasConvResidual() => ConvResidual ?? (HasConfigurableBlock() && EffectiveBlock() == BlockShape.Paper);

    /// <summary>Whether the minGRU/minLSTM input projection has a bias.</summary>
    public bool HasRnnBias() => RnnBias ?? Bias;

    /// <summary>Architectures whose block shape is configurable.</summary>
    public bool HasConfigurableBlock() => Arch is Architecture.MinGru or Architecture.MinLstm or Architecture.Mamba;

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
        if (Block is not null)
        {
            Require(HasConfigurableBlock(), "block", Block, $"unset (auto): {Arch.ToConfigName()} has one block shape");
            Require(!(Arch == Architecture.Mamba && Block == BlockShape.Paper), "block", Block, "gated or auto: Mamba's SSM runs in the gated block only");
        }
        Require(ConvResidual != true || (HasConfigurableBlock() && EffectiveBlock() == BlockShape.Paper), "conv_residual", true,
            "false or auto unless the block is the paper block (minGRU/minLSTM)");
        if (Arch == Architecture.Transformer)
        {
            Require(NHead >= 1, "n_head", NHead, "at least 1");
            Require(NEmbd % NHead == 0, "n_head", NHead, $"a divisor of n_embd ({NEmbd})");
        }
    }

    // Values as users type them: `paper`, `true`, not `Paper`, `True`.
    private static string Spell(object value) => value switch
    {
        Enum e => e.ToConfigName(),
        bool b => b ? "true" : "false",
        _ => value.ToString()!,
    };

    private static void Require(bool ok, string key, object value, string expected)
    {
        if (!ok)
            throw new ArgumentException($"config key '{key}' = {Spell(value)} is invalid: expected {expected}");
    }
}
