using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models;

/// <summary>
/// Mamba's selective SSM, the core of the paper's comparison architecture; <see cref="GatedBlock"/> wraps it in
/// Mamba's block (in_proj → conv → SiLU → SSM → ⊙ SiLU(z) → out_proj). Per channel of a D-wide input u:
///     h_t = exp(Δ_t A) h_{t-1} + Δ_t B_t u_t,   y_t = C_t · h_t + D u_t
/// with Δ = softplus(dt_proj(Δ_low)), (Δ_low, B, C) = x_proj(u), A = −exp(A_log); state size N per channel,
/// dt_rank = ceil(n_embd/16). Step state: h (B, D, N).
/// </summary>
public sealed class SelectiveSsm : Module<Tensor, Tensor>, ISelfInitializing, INoWeightDecay
{
    // The reference implementation's Δ range and floor: dt ~ log-uniform in [DtMin, DtMax], at least DtFloor.
    private const double DtMin = 0.001, DtMax = 0.1, DtFloor = 1e-4;

    private readonly Linear x_proj;
    private readonly Linear dt_proj;
    private readonly Parameter A_log;
    private readonly Parameter D;
    private readonly long width, dtRank, dState;

    /// <param name="width">Channels D (Mamba's inner width E·n_embd).</param>
    /// <param name="dtRank">Rank of Δ's projection (Mamba: ceil(n_embd/16)).</param>
    /// <param name="dState">State size N per channel.</param>
    public SelectiveSsm(long width, long dtRank, long dState) : base(nameof(SelectiveSsm))
    {
        this.width = width;
        this.dtRank = dtRank;
        this.dState = dState;
        x_proj = Linear(width, dtRank + 2 * dState, hasBias: false);                    // dt_proj carries Δ's bias
        dt_proj = Linear(dtRank, width, hasBias: true);
        A_log = new Parameter(empty(width, dState), requires_grad: true);
        D = new Parameter(empty(width), requires_grad: true);
        RegisterComponents();
        InitializeParameters();                                                         // usable on its own, outside a model
    }

    /// <summary>Chunk length of the training scan; see <see cref="SelectiveScan.DefaultChunk"/>.</summary>
    public int ScanChunk { get; set; } = SelectiveScan.DefaultChunk;

    // Decay rates and the skip gain are not weights to shrink towards zero: decaying A_log would slow every
    // channel's forgetting towards exp(0) = 1, i.e. A → −1.
    public IEnumerable<Parameter> NoDecayParameters => [A_log, D];

    public void InitializeParameters()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();                                            // its temporaries, whoever calls (see ScopedBuild)
        // dt_proj maps the rank-dt_rank Δ input; its bias sets Δ's starting range.
        var bound = Math.Pow(dtRank, -0.5);
        init.uniform_(dt_proj.weight!, -bound, bound);
        using var logRange = Scalars.Of(Math.Log(DtMax) - Math.Log(DtMin));
        using var logMin = Scalars.Of(Math.Log(DtMin));
        using var floor = Scalars.Of(DtFloor);
        var dt = exp(rand(width).mul(logRange).Plus(logMin)).clamp_min(floor);          // (D), log-uniform in [DtMin, DtMax]
        dt_proj.bias!.copy_(dt.Plus(log(expm1(dt.neg()).neg())));                       // softplus⁻¹(dt)
        // S4D-real: A_n = −n for every channel, so the N states forget at N different rates.
        A_log.copy_(log(Scalars.Range(dState, float32).Plus(Scalars.One)).expand(width, dState)); // (D, N), log n for n = 1…N
        D.fill_(Scalars.One);
    }

    /// <summary>u (B, L, D) → y (B, L, D), from a zero state.</summary>
    public override Tensor forward(Tensor u)
    {
        var (deltaBeforeSoftplus, b, c) = SelectionParameters(u);
        return SelectiveScan.ParallelWithSoftplus(u, deltaBeforeSoftplus, -exp(A_log), b, c, D, ScanChunk);
    }

    /// <summary>u, z (B, L, D) → y ⊙ SiLU(z) (B, L, D): Mamba's block's output gate, taken inside the scan.</summary>
    public Tensor ForwardGated(Tensor u, Tensor z)
    {
        var (deltaBeforeSoftplus, b, c) = SelectionParameters(u);
        return SelectiveScan.ParallelGated(u, deltaBeforeSoftplus, -exp(A_log), b, c, D, z, ScanChunk);
    }

    /// <summary>One token: u (B, D), h (B, D, N) or none for a zero start → y (B, D) and the next h.</summary>
    public (Tensor Y, Tensor H) Step(Tensor u, Tensor? h)
    {
        var (deltaBeforeSoftplus, b, c) = SelectionParameters(u);
        h ??= zeros(u.shape[0], width, dState, dtype: u.dtype, device: u.device);       // (B, D, N)
        return SelectiveScan.Step(u, Scalars.Softplus(deltaBeforeSoftplus), -exp(A_log), b, c, D, h);
    }

    // Input-dependent Δ, B, C: what makes the SSM "selective". Works on (…, D) for both modes. Δ = softplus of the
    // first, taken by the scan (inside the fused kernels on a CPU).
    private (Tensor DeltaBeforeSoftplus, Tensor B, Tensor C) SelectionParameters(Tensor u)
    {
        var parts = x_proj.forward(u).split([dtRank, dState, dState], dim: -1);         // (…, R), (…, N), (…, N)
        return (dt_proj.forward(parts[0]), parts[1], parts[2]);                         // (…, D)
    }
}
