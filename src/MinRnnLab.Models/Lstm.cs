using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models;

/// <summary>
/// The paper's LSTM baseline as a plain sequential loop: f, i, o = σ(W[x, h]), c~ = tanh(W_c[x, h]),
/// c' = f ⊙ c + i ⊙ c~, h' = o ⊙ tanh(c'). Weights are laid out as libtorch's LSTM lays them out (gate order
/// i, f, c~, o in weight_ih (4·d_h, d_x) and weight_hh (4·d_h, d_h)) so the two can be checked against each
/// other; one bias, since two added biases are one. Parameters 4·d_h(d_x + d_h) + 4·d_h.
/// </summary>
public sealed class LstmLoop : Module<Tensor, Tensor>
{
    private readonly Linear x_proj;   // d_x → 4·d_h, all steps in one matmul up front
    private readonly Linear h_proj;   // d_h → 4·d_h, per step

    public LstmLoop(long inputSize, long hiddenSize) : base(nameof(LstmLoop))
    {
        HiddenSize = hiddenSize;
        x_proj = Linear(inputSize, 4 * hiddenSize);
        h_proj = Linear(hiddenSize, 4 * hiddenSize, hasBias: false);
        RegisterComponents();
    }

    public long HiddenSize { get; }

    /// <summary>The x-side and h-side weights and the bias, for copying from or into a fused LSTM.</summary>
    public (Tensor WeightIh, Tensor WeightHh, Tensor Bias) Weights => (x_proj.weight!, h_proj.weight!, x_proj.bias!);

    /// <summary>x (B, T, d_x) → h (B, T, d_h), from h_0 = c_0 = 0.</summary>
    public override Tensor forward(Tensor x)
    {
        // unbind, not x[.., t]: each slice's backward would zero-fill a full (B, T, ·) gradient, O(T²) in all.
        var xs = x_proj.forward(x).unbind(1);                                           // T × (B, 4·d_h)
        var h = zeros(x.shape[0], HiddenSize, dtype: x.dtype, device: x.device);        // (B, d_h)
        var c = zeros_like(h);                                                          // (B, d_h)
        var outputs = new Tensor[x.shape[1]];
        for (var t = 0; t < outputs.Length; t++)
        {
            var gates = xs[t].Plus(h_proj.forward(h)).chunk(4, dim: -1);                // 4 × (B, d_h)
            var (i, f, cTilde, o) = (functional.sigmoid(gates[0]), functional.sigmoid(gates[1]), tanh(gates[2]), functional.sigmoid(gates[3]));
            c = (f * c).Plus(i * cTilde);
            h = o * tanh(c);
            outputs[t] = h;
        }
        return stack(outputs, dim: 1);                                                  // (B, T, d_h)
    }
}

/// <summary>libtorch's fused LSTM (cuDNN on a GPU), batch first: x (B, T, d_x) → h (B, T, d_h).</summary>
public sealed class FusedLstm : Module<Tensor, Tensor>
{
    private readonly LSTM lstm;

    public FusedLstm(long inputSize, long hiddenSize) : base(nameof(FusedLstm))
    {
        lstm = LSTM(inputSize, hiddenSize, batchFirst: true);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => lstm.forward(x).Item1;

    /// <summary>x (B, T, d_x), (h_0, c_0) each (1, B, d_h) or none → (h (B, T, d_h), h_T, c_T).</summary>
    public (Tensor Output, Tensor H, Tensor C) forward(Tensor x, (Tensor, Tensor)? h0c0) => lstm.forward(x, h0c0);
}
