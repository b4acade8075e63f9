using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models;

/// <summary>
/// The paper's GRU baseline as a plain sequential loop (trained by backpropagation through time):
/// z = σ(W_z[x, h]), r = σ(W_r[x, h]), h~ = tanh(W_h[x, r ⊙ h]), h' = (1 − z) ⊙ h + z ⊙ h~.
/// Each W[x, ·] is split into its x part, projected for all steps in one matmul up front (same function,
/// fewer launches), and its h part, applied per step. Parameters 3·d_h(d_x + d_h) + 3·d_h.
/// </summary>
public sealed class GruLoop : Module<Tensor, Tensor>
{
    private readonly Linear x_proj;   // d_x → 3·d_h: x parts of W_z, W_r, W_h, with the biases
    private readonly Linear h_gates;  // d_h → 2·d_h: h parts of W_z, W_r
    private readonly Linear h_cand;   // d_h → d_h: h part of W_h, applied to r ⊙ h

    public GruLoop(long inputSize, long hiddenSize) : base(nameof(GruLoop))
    {
        HiddenSize = hiddenSize;
        x_proj = Linear(inputSize, 3 * hiddenSize);
        h_gates = Linear(hiddenSize, 2 * hiddenSize, hasBias: false);
        h_cand = Linear(hiddenSize, hiddenSize, hasBias: false);
        RegisterComponents();
    }

    public long HiddenSize { get; }

    /// <summary>x (B, T, d_x) → h (B, T, d_h), from h_0 = 0.</summary>
    public override Tensor forward(Tensor x) => forward(x, null);

    /// <summary>x (B, T, d_x), h_0 (B, d_h) → h (B, T, d_h).</summary>
    public Tensor forward(Tensor x, Tensor? h0)
    {
        // unbind, not x[.., t]: each slice's backward would zero-fill a full (B, T, ·) gradient, O(T²) in all.
        var xs = x_proj.forward(x).unbind(1);                                           // T × (B, 3·d_h)
        var h = h0 ?? zeros(x.shape[0], HiddenSize, dtype: x.dtype, device: x.device);  // (B, d_h)
        var outputs = new Tensor[x.shape[1]];
        for (var t = 0; t < outputs.Length; t++)
        {
            var xt = xs[t].chunk(3, dim: -1);                                           // 3 × (B, d_h)
            var hg = h_gates.forward(h).chunk(2, dim: -1);                              // 2 × (B, d_h)
            var z = functional.sigmoid(xt[0].Plus(hg[0]));
            var r = functional.sigmoid(xt[1].Plus(hg[1]));
            var hTilde = tanh(xt[2].Plus(h_cand.forward(r * h)));
            h = (z.OneMinus() * h).Plus(z * hTilde);
            outputs[t] = h;
        }
        return stack(outputs, dim: 1);                                                  // (B, T, d_h)
    }
}

/// <summary>libtorch's fused GRU (cuDNN on a GPU), batch first: x (B, T, d_x) → h (B, T, d_h).</summary>
public sealed class FusedGru : Module<Tensor, Tensor>
{
    private readonly GRU gru;

    public FusedGru(long inputSize, long hiddenSize) : base(nameof(FusedGru))
    {
        gru = GRU(inputSize, hiddenSize, batchFirst: true);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => gru.forward(x).Item1;

    /// <summary>x (B, T, d_x), h_0 (1, B, d_h) or none → (h (B, T, d_h), h_T (1, B, d_h)).</summary>
    public (Tensor Output, Tensor Last) forward(Tensor x, Tensor? h0) => gru.forward(x, h0);
}
