using static TorchSharp.torch;

namespace MinRnnLab.Models;

/// <summary>
/// A minimal recurrent cell (minGRU, minLSTM): h_t = a_t ⊙ h_{t-1} + b_t with a_t, b_t from x_t alone, so the
/// whole sequence runs as one parallel scan and generation runs one step at a time with the same result.
/// </summary>
public interface IMinRnnCell
{
    /// <summary>Width of the hidden state h.</summary>
    long HiddenSize { get; }

    /// <summary>Parallel mode: x (B, T, d_x) and optional positive h_0 (B, d_h) → h (B, T, d_h).</summary>
    Tensor forward(Tensor x, Tensor? h0);

    /// <summary>Sequential mode: x_t (B, d_x), h_{t-1} (B, d_h) or none for a zero start → h_t (B, d_h).</summary>
    Tensor Step(Tensor x, Tensor? hPrev);
}
