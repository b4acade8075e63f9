using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models;

/// <summary>
/// minLSTM: f_t, i_t = σ(Linear(x_t)), h~_t = g(Linear(x_t)); gates normalised to f' = f/(f+i), i' = i/(f+i)
/// so the state's scale does not depend on sequence length; h_t = f'_t ⊙ h_{t-1} + i'_t ⊙ h~_t.
/// </summary>
public sealed class MinLstm : Module<Tensor, Tensor>, IMinRnnCell
{
    // One fused projection d_x → 3·d_h (k_f, k_i, k_h): 3·d_h·d_x weights + 3·d_h biases.
    private readonly Linear in_proj;

    public MinLstm(long inputSize, long hiddenSize, bool bias = true) : base(nameof(MinLstm))
    {
        HiddenSize = hiddenSize;
        in_proj = Linear(inputSize, 3 * hiddenSize, hasBias: bias);
        RegisterComponents();
    }

    public long HiddenSize { get; }

    /// <summary>
    /// log f', log i' from the gate pre-activations, never forming f + i (both can underflow when k is very
    /// negative): with diff = softplus(−k_f) − softplus(−k_i) = log i − log f, log f' = −softplus(diff) and
    /// log i' = −softplus(−diff).
    /// </summary>
    public static (Tensor LogF, Tensor LogI) NormalizedLogGates(Tensor kF, Tensor kI)
    {
        var diff = Scalars.Softplus(kF.neg()) - Scalars.Softplus(kI.neg());
        return (functional.logsigmoid(diff.neg()), functional.logsigmoid(diff));
    }

    /// <summary>x (B, T, d_x) → h (B, T, d_h), starting from h_0 = 0.</summary>
    public override Tensor forward(Tensor x) => forward(x, null);

    /// <summary>x (B, T, d_x), positive h_0 (B, d_h) → h (B, T, d_h).</summary>
    public Tensor forward(Tensor x, Tensor? h0)
    {
        var k = in_proj.forward(x);                                                     // (B, T, 3·d_h) = [k_f, k_i, k_h]
        return FusedMinRnn.Supports(k) ? FusedMinRnn.Scan(k, h0, FusedMinRnn.MinLstmGates) : LogSpace(k, h0);
    }

    /// <summary>The log-space parallel scan from k (B, T, 3·d_h): the GPU path and the fused kernel's reference.</summary>
    public static Tensor LogSpace(Tensor k, Tensor? h0)
    {
        var parts = k.chunk(3, dim: -1);                                                // 3 × (B, T, d_h)
        var (logF, logI) = NormalizedLogGates(parts[0], parts[1]);
        var logHTilde = LogSpaceScan.LogG(parts[2]);
        return LogSpaceScan.ScanExp(logF, logI.Plus(logHTilde), h0?.log().unsqueeze(1)); // (B, T, d_h), h_0 as log(h_0)
    }

    public Tensor Step(Tensor x, Tensor? hPrev)
    {
        var k = in_proj.forward(x).chunk(3, dim: -1);                                   // 3 × (B, d_h)
        // f' = σ(log f − log i) = σ(−diff), i' = σ(diff): the same normalised gates as the scan, in linear space.
        var diff = Scalars.Softplus(k[0].neg()) - Scalars.Softplus(k[1].neg());
        var hTilde = LogSpaceScan.G(k[2]);
        var input = functional.sigmoid(diff) * hTilde;                                  // (B, d_h)
        return hPrev is null ? input : (functional.sigmoid(diff.neg()) * hPrev).Plus(input);
    }
}
