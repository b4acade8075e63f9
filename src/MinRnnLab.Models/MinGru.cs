using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models;

/// <summary>
/// minGRU: z_t = σ(Linear_z(x_t)), h~_t = g(Linear_h(x_t)), h_t = (1 − z_t) ⊙ h_{t-1} + z_t ⊙ h~_t.
/// Training runs the fused CPU kernel (<see cref="FusedMinRnn"/>) or, on a GPU, the log-space scan;
/// <see cref="Step"/> is the same recurrence one token at a time.
/// g keeps h~ positive so that it has a log, and Step applies g too, so both modes compute one function.
/// </summary>
public sealed class MinGru : Module<Tensor, Tensor>, IMinRnnCell
{
    // One fused projection d_x → 2·d_h (k_z then k_h): 2·d_h·d_x weights + 2·d_h biases, one matmul.
    private readonly Linear in_proj;

    public MinGru(long inputSize, long hiddenSize, bool bias = true) : base(nameof(MinGru))
    {
        HiddenSize = hiddenSize;
        in_proj = Linear(inputSize, 2 * hiddenSize, hasBias: bias);
        RegisterComponents();
    }

    public long HiddenSize { get; }

    /// <summary>x (B, T, d_x) → h (B, T, d_h), starting from h_0 = 0.</summary>
    public override Tensor forward(Tensor x) => forward(x, null);

    /// <summary>x (B, T, d_x), positive h_0 (B, d_h) → h (B, T, d_h).</summary>
    public Tensor forward(Tensor x, Tensor? h0)
    {
        var k = in_proj.forward(x);                                                     // (B, T, 2·d_h) = [k_z, k_h]
        return FusedMinRnn.Supports(k) ? FusedMinRnn.Scan(k, h0, FusedMinRnn.MinGruGates) : LogSpace(k, h0);
    }

    /// <summary>The log-space parallel scan from k (B, T, 2·d_h): the GPU path and the fused kernel's reference.</summary>
    public static Tensor LogSpace(Tensor k, Tensor? h0)
    {
        var parts = k.chunk(2, dim: -1);                                                // 2 × (B, T, d_h)
        var logZ = functional.logsigmoid(parts[0]);                                     // log σ(k_z)
        var logOneMinusZ = functional.logsigmoid(parts[0].neg());                       // log(1 − σ(k_z)) = log σ(−k_z)
        var logHTilde = LogSpaceScan.LogG(parts[1]);                                    // (B, T, d_h)
        // h_0 enters as log(h_0), not log g(h_0): it is already a state, not a pre-activation.
        return LogSpaceScan.ScanExp(logOneMinusZ, logZ.Plus(logHTilde), h0?.log().unsqueeze(1)); // (B, T, d_h)
    }

    public Tensor Step(Tensor x, Tensor? hPrev)
    {
        var k = in_proj.forward(x).chunk(2, dim: -1);                                   // 2 × (B, d_h)
        var z = functional.sigmoid(k[0]);
        var hTilde = LogSpaceScan.G(k[1]);
        return hPrev is null ? z * hTilde : (z.OneMinus() * hPrev).Plus(z * hTilde);    // (B, d_h)
    }
}
