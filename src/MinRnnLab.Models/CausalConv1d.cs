using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models;

/// <summary>
/// Depthwise causal convolution over time (each channel its own kernel of width k): output t sees inputs
/// t-k+1 … t only. Used in front of the minRNN and Mamba cores. On a CPU it runs a fused kernel
/// (<see cref="FusedCausalConvFunction"/>); elsewhere libtorch's grouped conv1d (<see cref="Grouped"/>), which is also
/// the kernel's reference. Step mode keeps a rolling window of the last k inputs as its state.
/// </summary>
public sealed class CausalConv1d : Module<Tensor, Tensor>
{
    private readonly Conv1d conv;
    private readonly int kernel;

    public CausalConv1d(long channels, int kernel, bool bias = true) : base(nameof(CausalConv1d))
    {
        this.kernel = kernel;
        // Padding k-1 on both sides, then dropping the last k-1 outputs, leaves only the causal ones.
        conv = Conv1d(channels, channels, kernel, padding: kernel - 1, groups: channels, bias: bias);
        RegisterComponents();
    }

    /// <summary>x (B, T, C) → (B, T, C). Anything the kernel does not take (another dtype or channel count than the
    /// weight's) goes to libtorch, which says what is wrong with it; the kernel would read past the weight.</summary>
    public override Tensor forward(Tensor x) =>
        Fused(x) ? FusedCausalConvFunction.apply(x, conv.weight!, conv.bias!, false) : Grouped(x);

    /// <summary>SiLU(conv(x)), as Mamba's block applies it: on a CPU the kernel takes the SiLU in its store (and its
    /// slope in the backward pass) instead of two more passes over (B, T, C) each way.</summary>
    public Tensor ForwardWithSiLU(Tensor x) =>
        Fused(x) ? FusedCausalConvFunction.apply(x, conv.weight!, conv.bias!, true) : functional.silu(Grouped(x));

    private bool Fused(Tensor x) =>
        CpuKernel.Supports(x) && x.dim() == 3 && x.dtype == conv.weight!.dtype && x.shape[2] == conv.weight.shape[0];

    /// <summary>The same convolution by libtorch's grouped conv1d: the GPU path and the fused kernel's reference.</summary>
    public Tensor Grouped(Tensor x)
    {
        var t = x.shape[1];
        var y = conv.forward(x.transpose(1, 2));                                        // (B, C, T + k - 1)
        return y[.., .., ..(int)t].transpose(1, 2);                                     // (B, T, C)
    }

    /// <summary>
    /// One step: x (B, C) → (B, C). The <paramref name="slot"/> of <paramref name="state"/> holds the last k inputs
    /// (B, C, k), zero before the first token, matching the zero padding of the parallel form.
    /// </summary>
    public Tensor Step(Tensor x, RecurrentState state, int slot)
    {
        var window = state.Has(slot)
            ? state[slot]
            : zeros(x.shape[0], x.shape[1], kernel, dtype: x.dtype, device: x.device);
        window = cat([window[.., .., 1..], x.unsqueeze(-1)], dim: -1);                  // (B, C, k), newest last
        state[slot] = window;
        var weight = conv.weight!.squeeze(1);                                           // (C, k)
        var y = (window * weight).sum(-1);                                              // (B, C)
        return conv.bias is null ? y : y.Plus(conv.bias);
    }
}
