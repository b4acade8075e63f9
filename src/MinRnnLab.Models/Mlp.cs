using MinRnnLab.Config;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models;

/// <summary>nanoGPT's feed-forward: Linear(C → 4C) → GELU → Linear(4C → C) → dropout.</summary>
public sealed class Mlp : Module<Tensor, Tensor>
{
    private readonly Linear c_fc;
    private readonly Linear c_proj;
    private readonly LockedDropout dropout;

    public Mlp(ModelConfig config) : base(nameof(Mlp))
    {
        c_fc = Linear(config.NEmbd, 4 * config.NEmbd, hasBias: config.Bias);
        c_proj = Linear(4 * config.NEmbd, config.NEmbd, hasBias: config.Bias);
        dropout = new LockedDropout(config.Dropout);
        RegisterComponents();
    }

    /// <summary>Residual-path output projection, scaled down at init like nanoGPT's c_proj.</summary>
    internal Linear OutputProjection => c_proj;

    public override Tensor forward(Tensor x) => dropout.forward(c_proj.forward(functional.gelu(c_fc.forward(x))));
}
