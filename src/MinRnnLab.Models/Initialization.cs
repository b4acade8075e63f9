using TorchSharp.Modules;

namespace MinRnnLab.Models;

/// <summary>
/// A block whose residual-path output projections get nanoGPT's scaled init, std 0.02/√(2·n_layer)
/// (under <c>init: nanogpt</c>), so the residual stream's variance does not grow with depth.
/// </summary>
public interface IResidualProjections
{
    IEnumerable<Linear> ResidualProjections { get; }
}

/// <summary>
/// A module with its own initialisation (Mamba's dt bias and A_log, say). The language model calls it after
/// the generic init of every scheme, so the module's choices win.
/// </summary>
public interface ISelfInitializing
{
    void InitializeParameters();
}

/// <summary>Parameters that AdamW must not decay even though they are matrices (Mamba's A_log, say).</summary>
public interface INoWeightDecay
{
    IEnumerable<TorchSharp.Modules.Parameter> NoDecayParameters { get; }
}
