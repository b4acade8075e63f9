using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models;

/// <summary>
/// Mamba block (selective SSM), the paper's comparison architecture. No MLP: the paper's Mamba stacks
/// Mamba blocks only.
///     x + out_proj( SSM(SiLU(conv(in_proj_x(norm(x))))) ⊙ SiLU(in_proj_z(norm(x))) )
/// with Δ = softplus(dt_proj(Δ_low)), (Δ_low, B, C) = x_proj(conv output), A = −exp(A_log).
/// Inner width E·d (E = expansion), state size N per channel, dt_rank = ceil(d/16).
/// Step state: slot 0 = conv window (B, E·d, k), slot 1 = SSM state h (B, E·d, N).
/// </summary>
public sealed class MambaBlock : Module<Tensor, Tensor>, IRecurrentBlock, ISelfInitializing, INoWeightDecay, IResidualProjections
{
    // The reference implementation's Δ range and floor: dt ~ log-uniform in [DtMin, DtMax], at least DtFloor.
    private const double DtMin = 0.001, DtMax = 0.1, DtFloor = 1e-4;
    private const int ConvSlot = 0, SsmSlot = 1;

    private readonly LayerNorm norm;
    private readonly Linear in_proj;
    private readonly CausalConv1d conv1d;
    private readonly Linear x_proj;
    private readonly Linear dt_proj;
    private readonly Parameter A_log;
    private readonly Parameter D;
    private readonly Linear out_proj;
    private readonly Dropout dropout;
    private readonly long inner, dtRank, dState;

    public MambaBlock(ModelConfig config) : base(nameof(MambaBlock))
    {
        inner = (long)config.Expansion * config.NEmbd;
        dtRank = (config.NEmbd + 15) / 16;
        dState = config.DState;
        norm = LayerNorm(config.NEmbd, elementwise_affine: true, bias: config.Bias);
        in_proj = Linear(config.NEmbd, 2 * inner, hasBias: config.Bias);               // x and z halves
        conv1d = new CausalConv1d(inner, config.ConvKernel, bias: config.Bias);
        x_proj = Linear(inner, dtRank + 2 * dState, hasBias: false);                    // dt_proj carries Δ's bias
        dt_proj = Linear(dtRank, inner, hasBias: true);
        A_log = new Parameter(empty(inner, dState), requires_grad: true);
        D = new Parameter(empty(inner), requires_grad: true);
        out_proj = Linear(inner, config.NEmbd, hasBias: config.Bias);
        dropout = Dropout(config.Dropout);
        RegisterComponents();
        InitializeParameters();                                                         // usable on its own, outside a model
    }

    /// <summary>Chunk length of the training scan; see <see cref="SelectiveScan.DefaultChunk"/>.</summary>
    public int ScanChunk { get; set; } = SelectiveScan.DefaultChunk;

    public IEnumerable<Linear> ResidualProjections => [out_proj];

    // Decay rates and the skip gain are not weights to shrink towards zero: decaying A_log would slow every
    // channel's forgetting towards exp(0) = 1, i.e. A → −1.
    public IEnumerable<Parameter> NoDecayParameters => [A_log, D];

    public void InitializeParameters()
    {
        using var _ = no_grad();
        // dt_proj maps the rank-dt_rank Δ input; its bias sets Δ's starting range.
        var bound = Math.Pow(dtRank, -0.5);
        init.uniform_(dt_proj.weight!, -bound, bound);
        var dt = exp(rand(inner) * (Math.Log(DtMax) - Math.Log(DtMin)) + Math.Log(DtMin)).clamp_min(DtFloor); // (E·d)
        dt_proj.bias!.copy_(dt + log(-expm1(-dt)));                                     // softplus⁻¹(dt)
        // S4D-real: A_n = −n for every channel, so the N states forget at N different rates.
        A_log.copy_(log(arange(1, dState + 1, dtype: float32)).expand(inner, dState));   // (E·d, N)
        D.fill_(1.0);
    }

    /// <summary>x (B, L, C) → (B, L, C).</summary>
    public override Tensor forward(Tensor x)
    {
        var xz = in_proj.forward(norm.forward(x)).chunk(2, dim: -1);                    // 2 × (B, L, E·d)
        var u = functional.silu(conv1d.forward(xz[0]));                                 // (B, L, E·d)
        var (delta, b, c) = SelectionParameters(u);
        var y = SelectiveScan.Parallel(u, delta, -exp(A_log), b, c, D, ScanChunk);      // (B, L, E·d)
        return x + dropout.forward(out_proj.forward(y * functional.silu(xz[1])));
    }

    public RecurrentState NewState() => new(2);

    /// <summary>One token: x (B, C) → (B, C).</summary>
    public Tensor Step(Tensor x, RecurrentState state)
    {
        var xz = in_proj.forward(norm.forward(x)).chunk(2, dim: -1);                    // 2 × (B, E·d)
        var u = functional.silu(conv1d.Step(xz[0], state, ConvSlot));                   // (B, E·d)
        var (delta, b, c) = SelectionParameters(u);
        var h = state.Has(SsmSlot)
            ? state[SsmSlot]
            : zeros(x.shape[0], inner, dState, dtype: x.dtype, device: x.device);      // (B, E·d, N)
        var (y, next) = SelectiveScan.Step(u, delta, -exp(A_log), b, c, D, h);          // (B, E·d), (B, E·d, N)
        state[SsmSlot] = next;
        return x + dropout.forward(out_proj.forward(y * functional.silu(xz[1])));
    }

    // Input-dependent Δ, B, C: what makes the SSM "selective". Works on (…, E·d) for both modes.
    private (Tensor Delta, Tensor B, Tensor C) SelectionParameters(Tensor u)
    {
        var parts = x_proj.forward(u).split([dtRank, dState, dState], dim: -1);         // (…, R), (…, N), (…, N)
        var delta = functional.softplus(dt_proj.forward(parts[0]));                     // (…, E·d), > 0
        return (delta, parts[1], parts[2]);
    }
}
