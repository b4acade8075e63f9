using MinRnnLab.Config;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models;

/// <summary>
/// The paper's language-model block around a minGRU or minLSTM core (<c>block: paper</c>):
/// x + dropout(out_proj(minRNN(conv(ln_1(x))))), then x + mlp(ln_2(x)). The core is Expansion·n_embd wide.
/// Options: <c>conv_residual</c> (on unless set false) feeds the core u + conv(u) (u = ln_1(x)), <c>mlp: false</c> drops the MLP.
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
    private readonly LockedDropout dropout;
    private readonly LayerNorm? ln_2;
    private readonly Mlp? mlp;
    private readonly bool convResidual;

    public MinRnnBlock(ModelConfig config) : base(nameof(MinRnnBlock))
    {
        var hidden = (long)config.Expansion * config.NEmbd;
        convResidual = config.HasConvResidual();
        ln_1 = LayerNorm(config.NEmbd, elementwise_affine: true, bias: config.Bias);
        conv = new CausalConv1d(config.NEmbd, config.ConvKernel, bias: config.Bias);
        rnn = config.Arch switch
        {
            Architecture.MinGru => new MinGru(config.NEmbd, hidden, config.HasRnnBias()),
            Architecture.MinLstm => new MinLstm(config.NEmbd, hidden, config.HasRnnBias()),
            _ => throw new ArgumentException($"MinRnnBlock has no cell for '{config.Arch.ToConfigName()}'"),
        };
        out_proj = Linear(hidden, config.NEmbd, hasBias: config.Bias);
        dropout = new LockedDropout(config.Dropout);
        if (config.HasMlp())
        {
            ln_2 = LayerNorm(config.NEmbd, elementwise_affine: true, bias: config.Bias);
            mlp = new Mlp(config);
        }
        RegisterComponents();
    }

    public IEnumerable<Linear> ResidualProjections => mlp is null ? [out_proj] : [out_proj, mlp.OutputProjection];

    private IMinRnnCell Cell => (IMinRnnCell)rnn;

    /// <summary>x (B, T, C) → (B, T, C).</summary>
    public override Tensor forward(Tensor x)
    {
        var u = ln_1.forward(x);                                                        // (B, T, C)
        var c = conv.forward(u);
        var h = Cell.forward(convResidual ? u.Plus(c) : c, null);                        // (B, T, E·C)
        x = x.Plus(dropout.forward(out_proj.forward(h)));                                // (B, T, C)
        return mlp is null ? x : x.Plus(mlp.forward(ln_2!.forward(x)));
    }

    public RecurrentState NewState() => new(2);

    /// <summary>x (B, C) → (B, C); the state holds the conv window (B, C, k) and h (B, E·C).</summary>
    public Tensor Step(Tensor x, RecurrentState state)
    {
        var u = ln_1.forward(x);                                                        // (B, C)
        var c = conv.Step(u, state, ConvWindowSlot);
        var h = Cell.Step(convResidual ? u.Plus(c) : c, state.Has(HiddenSlot) ? state[HiddenSlot] : null); // (B, E·C)
        state[HiddenSlot] = h;
        x = x.Plus(dropout.forward(out_proj.forward(h)));                                // (B, C)
        return mlp is null ? x : x.Plus(mlp.forward(ln_2!.forward(x)));
    }
}
