using MinRnnLab.Config;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models;

/// <summary>
/// Mamba's block around any recurrent core (<c>block: gated</c>); with the selective SSM it is the paper's Mamba:
///     (u, z) = in_proj(norm(x)),  x + dropout(out_proj( core(SiLU(conv(u))) ⊙ SiLU(z) ))
/// then, only when the config asks for one, x + mlp(ln_2(x)). u, z and the core are E·n_embd wide. The
/// multiplicative output gate SiLU(z) is what the ablations credit for Mamba's lead over the paper block.
/// Step state: slot 0 = conv window (B, E·C, k), slot 1 = the core's state (minRNN h (B, E·C), SSM h (B, E·C, N)).
/// </summary>
public sealed class GatedBlock : Module<Tensor, Tensor>, IRecurrentBlock, IResidualProjections
{
    private const int ConvSlot = 0, CoreSlot = 1;

    private readonly LayerNorm norm;
    private readonly Linear in_proj;
    private readonly CausalConv1d conv1d;
    private readonly Module<Tensor, Tensor> core;
    private readonly Linear out_proj;
    private readonly LockedDropout dropout;
    private readonly LayerNorm? ln_2;
    private readonly Mlp? mlp;

    public GatedBlock(ModelConfig config) : base(nameof(GatedBlock))
    {
        var inner = (long)config.Expansion * config.NEmbd;
        norm = LayerNorm(config.NEmbd, elementwise_affine: true, bias: config.Bias);
        in_proj = Linear(config.NEmbd, 2 * inner, hasBias: config.Bias);               // u and z halves
        conv1d = new CausalConv1d(inner, config.ConvKernel, bias: config.Bias);
        core = config.Arch switch
        {
            Architecture.Mamba => new SelectiveSsm(inner, dtRank: (config.NEmbd + 15) / 16, config.DState),
            Architecture.MinGru => new MinGru(inner, inner, config.HasRnnBias()),
            Architecture.MinLstm => new MinLstm(inner, inner, config.HasRnnBias()),
            _ => throw new ArgumentException($"the gated block has no core for '{config.Arch.ToConfigName()}'"),
        };
        out_proj = Linear(inner, config.NEmbd, hasBias: config.Bias);
        dropout = new LockedDropout(config.Dropout);
        if (config.HasMlp())
        {
            ln_2 = LayerNorm(config.NEmbd, elementwise_affine: true, bias: config.Bias);
            mlp = new Mlp(config);
        }
        RegisterComponents();
    }

    /// <summary>
    /// Whether the conv's SiLU runs inside the conv kernel and the SSM's output gate inside its scan (the default).
    /// Off, they run as separate libtorch ops after them, as before those fusions: the reference for tests and the
    /// "before" of benchmarks measured in one process.
    /// </summary>
    public bool FuseActivations { get; set; } = true;

    public IEnumerable<Linear> ResidualProjections => mlp is null ? [out_proj] : [out_proj, mlp.OutputProjection];

    /// <summary>x (B, L, C) → (B, L, C).</summary>
    public override Tensor forward(Tensor x)
    {
        var uz = in_proj.forward(norm.forward(x)).chunk(2, dim: -1);                    // 2 × (B, L, E·C)
        var u = FuseActivations ? conv1d.ForwardWithSiLU(uz[0]) : functional.silu(conv1d.forward(uz[0])); // (B, L, E·C)
        var y = FuseActivations && core is SelectiveSsm ssm
            ? ssm.ForwardGated(u, uz[1])                                                // the gate inside the scan
            : core.forward(u) * functional.silu(uz[1]);                                 // (B, L, E·C)
        x = x.Plus(dropout.forward(out_proj.forward(y)));                               // (B, L, C)
        return mlp is null ? x : x.Plus(mlp.forward(ln_2!.forward(x)));
    }

    public RecurrentState NewState() => new(2);

    /// <summary>One token: x (B, C) → (B, C).</summary>
    public Tensor Step(Tensor x, RecurrentState state)
    {
        var uz = in_proj.forward(norm.forward(x)).chunk(2, dim: -1);                    // 2 × (B, E·C)
        var u = functional.silu(conv1d.Step(uz[0], state, ConvSlot));                   // (B, E·C)
        var y = CoreStep(u, state);                                                     // (B, E·C)
        x = x.Plus(dropout.forward(out_proj.forward(y * functional.silu(uz[1]))));      // (B, C)
        return mlp is null ? x : x.Plus(mlp.forward(ln_2!.forward(x)));
    }

    private Tensor CoreStep(Tensor u, RecurrentState state)
    {
        var previous = state.Has(CoreSlot) ? state[CoreSlot] : null;
        if (core is SelectiveSsm ssm)
        {
            var (y, h) = ssm.Step(u, previous);                                         // (B, E·C), (B, E·C, N)
            state[CoreSlot] = h;
            return y;
        }
        var next = ((IMinRnnCell)core).Step(u, previous);                               // the minRNN's output is its state
        state[CoreSlot] = next;
        return next;
    }
}
