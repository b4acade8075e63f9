using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models;

/// <summary>
/// The paper's language-model block around a minGRU or minLSTM core:
/// x + dropout(out_proj(minRNN(conv(ln_1(x))))), then x + mlp(ln_2(x)). The core is Expansion·n_embd wide.
/// </summary>
public sealed class MinRnnBlock : Module<Tensor, Tensor>, IRecurrentBlock, IResidualProjections
{
    // RecurrentState layout for Step.
    private const int ConvWindowSlot = 0;
    private const int HiddenSlot = 1;

    private readonly LayerNorm ln_1;
    private readonly CausalConv1d conv;
    private readonly Module<Tensor, Tensor> rnn;
    private readonly Linear out_proj;
    private readonly Dropout dropout;
    private readonly LayerNorm ln_2;
    private readonly Mlp mlp;

    public MinRnnBlock(ModelConfig config) : base(nameof(MinRnnBlock))
    {
        var hidden = (long)config.Expansion * config.NEmbd;
        ln_1 = LayerNorm(config.NEmbd, elementwise_affine: true, bias: config.Bias);
        conv = new CausalConv1d(config.NEmbd, config.ConvKernel, bias: config.Bias);
        rnn = config.Arch switch
        {
            Architecture.MinGru => new MinGru(config.NEmbd, hidden, config.Bias),
            Architecture.MinLstm => new MinLstm(config.NEmbd, hidden, config.Bias),
            _ => throw new ArgumentException($"MinRnnBlock has no cell for '{config.Arch.ToConfigName()}'"),
        };
        out_proj = Linear(hidden, config.NEmbd, hasBias: config.Bias);
        dropout = Dropout(config.Dropout);
        ln_2 = LayerNorm(config.NEmbd, elementwise_affine: true, bias: config.Bias);
        mlp = new Mlp(config);
        RegisterComponents();
    }

    public IEnumerable<Linear> ResidualProjections => [out_proj, mlp.OutputProjection];

    private IMinRnnCell Cell => (IMinRnnCell)rnn;

    /// <summary>x (B, T, C) → (B, T, C).</summary>
    public override Tensor forward(Tensor x)
    {
        var h = Cell.forward(conv.forward(ln_1.forward(x)), null);                      // (B, T, E·C)
        x = x + dropout.forward(out_proj.forward(h));                                   // (B, T, C)
        return x + mlp.forward(ln_2.forward(x));
    }

    public RecurrentState NewState() => new(2);

    /// <summary>x (B, C) → (B, C); the state holds the conv window (B, C, k) and h (B, E·C).</summary>
    public Tensor Step(Tensor x, RecurrentState state)
    {
        var u = conv.Step(ln_1.forward(x), state, ConvWindowSlot);                      // (B, C)
        var h = Cell.Step(u, state.Has(HiddenSlot) ? state[HiddenSlot] : null);        // (B, E·C)
        state[HiddenSlot] = h;
        x = x + dropout.forward(out_proj.forward(h));                                   // (B, C)
        return x + mlp.forward(ln_2.forward(x));
    }
}
