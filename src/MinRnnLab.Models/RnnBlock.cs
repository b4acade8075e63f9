using MinRnnLab.Config;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models;

/// <summary>
/// Language-model block for the classic baselines: x + dropout(RNN(ln_1(x))), then x + mlp(ln_2(x)), with
/// libtorch's fused GRU or LSTM (n_embd wide) as the RNN. Step feeds the same fused module one token at a time.
/// </summary>
public sealed class RnnBlock : Module<Tensor, Tensor>, IRecurrentBlock, IResidualProjections
{
    // RecurrentState layout for Step: h (1, B, C), and c (1, B, C) for the LSTM.
    private const int HiddenSlot = 0;
    private const int CellSlot = 1;

    private readonly LayerNorm ln_1;
    private readonly Module rnn;
    private readonly LockedDropout dropout;
    private readonly LayerNorm ln_2;
    private readonly Mlp mlp;

    public RnnBlock(ModelConfig config) : base(nameof(RnnBlock))
    {
        ln_1 = LayerNorm(config.NEmbd, elementwise_affine: true, bias: config.Bias);
        rnn = config.Arch switch
        {
            Architecture.Gru => GRU(config.NEmbd, config.NEmbd, bias: config.Bias, batchFirst: true),
            Architecture.Lstm => LSTM(config.NEmbd, config.NEmbd, bias: config.Bias, batchFirst: true),
            _ => throw new ArgumentException($"RnnBlock has no cell for '{config.Arch.ToConfigName()}'"),
        };
        dropout = new LockedDropout(config.Dropout);
        ln_2 = LayerNorm(config.NEmbd, elementwise_affine: true, bias: config.Bias);
        mlp = new Mlp(config);
        RegisterComponents();
    }

    public IEnumerable<Linear> ResidualProjections => [mlp.OutputProjection];

    /// <summary>x (B, T, C) → (B, T, C).</summary>
    public override Tensor forward(Tensor x)
    {
        x = x.Plus(dropout.forward(Run(ln_1.forward(x), null)));                         // (B, T, C)
        return x.Plus(mlp.forward(ln_2.forward(x)));
    }

    public RecurrentState NewState() => new(2);

    /// <summary>x (B, C) → (B, C), carrying h (and c) in the state.</summary>
    public Tensor Step(Tensor x, RecurrentState state)
    {
        var y = Run(ln_1.forward(x).unsqueeze(1), state).squeeze(1);                    // (B, C)
        x = x.Plus(dropout.forward(y));
        return x.Plus(mlp.forward(ln_2.forward(x)));
    }

    // u (B, T, C) → (B, T, C); with a state, starts from and updates its h (and c).
    private Tensor Run(Tensor u, RecurrentState? state)
    {
        var started = state is not null && state.Has(HiddenSlot);
        if (rnn is GRU gru)
        {
            var (output, last) = gru.forward(u, started ? state![HiddenSlot] : null);
            if (state is not null)
                state[HiddenSlot] = last;
            return output;
        }
        var lstm = (LSTM)rnn;
        var (y, h, c) = lstm.forward(u, started ? (state![HiddenSlot], state[CellSlot]) : null);
        if (state is not null)
        {
            state[HiddenSlot] = h;
            state[CellSlot] = c;
        }
        return y;
    }
}
