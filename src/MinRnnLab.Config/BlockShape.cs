using Orleans;

namespace MinRnnLab.Config;

/// <summary>
/// How a recurrent core (minGRU, minLSTM, Mamba's selective SSM) sits inside a language-model block.
/// Config spelling is lower case (`block: gated`); unset means the architecture's own shape.
/// </summary>
[GenerateSerializer, Alias("MinRnnLab.BlockShape")]
public enum BlockShape
{
    /// <summary>The minRNN paper's block: x + out_proj(core(conv(norm(x)))), then x + MLP(norm(x)).</summary>
    Paper,

    /// <summary>
    /// Mamba's block: x + out_proj(core(SiLU(conv(u))) ⊙ SiLU(z)) with (u, z) = in_proj(norm(x)); no MLP unless asked.
    /// </summary>
    Gated,
}

/// <summary>How weights start out.</summary>
[GenerateSerializer, Alias("MinRnnLab.InitScheme")]
public enum InitScheme
{
    /// <summary>nanoGPT's: N(0, 0.02) on every Linear and the embedding, residual output projections N(0, 0.02/√(2·n_layer)).</summary>
    Nanogpt,

    /// <summary>N(0, 0.02) on every Linear and the embedding, residual projections not scaled down.</summary>
    Normal,

    /// <summary>The framework's defaults: Linear and conv uniform(±1/√fan_in), embedding N(0, 1).</summary>
    Pytorch,
}
