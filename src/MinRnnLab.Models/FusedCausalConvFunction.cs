using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace MinRnnLab.Models;

/// <summary>
/// Autograd node for <see cref="CausalConv1d"/> on a CPU: <see cref="CausalConvKernels"/> each way. Saves only x,
/// the taps and the bias, as the grouped conv1d does; with SiLU the backward recomputes the pre-activation from them.
/// vars: x (B, T, C); weight (C, 1, k), Conv1d's own parameter; bias (C) or null; silu (bool: return SiLU(conv(x))).
/// Returns y (B, T, C).
/// </summary>
internal sealed class FusedCausalConvFunction : SingleTensorFunction<FusedCausalConvFunction>
{
    public override string Name => nameof(FusedCausalConvFunction);

    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var (x, weight, bias) = (((Tensor)vars[0]).contiguous(), (Tensor)vars[1], (vars[2] as Tensor)?.contiguous());
        var silu = (bool)vars[3];
        var taps = weight.squeeze(1).t().contiguous();                                  // (k, C): channels contiguous
        var y = empty_like(x);                                                          // (B, T, C)
        if (x.dtype == ScalarType.Float32)
            CausalConvKernels.Forward<float>(x, taps, bias, y, silu);
        else
            CausalConvKernels.Forward<double>(x, taps, bias, y, silu);
        ctx.save_for_backward(bias is null ? [x, taps] : [x, taps, bias]);
        ctx.save_data("silu", silu);
        return y;
    }

    public override List<Tensor> backward(AutogradContext ctx, Tensor gradY)
    {
        using var handed = new BackwardTensors(gradY);
        var saved = handed.Saved(ctx);
        var (x, taps, bias) = (saved[0], saved[1], saved.Count > 2 ? saved[2] : null);
        var silu = (bool)ctx.get_data("silu");
        var gradX = empty_like(x);                                                      // (B, T, C)
        var gradTaps = handed.Add(empty_like(taps));                                    // (k, C); returned reshaped
        var gradBias = bias is not null ? empty(x.shape[2], dtype: x.dtype) : null;     // (C)
        var grad = handed.Add(gradY.contiguous());
        if (x.dtype == ScalarType.Float32)
            CausalConvKernels.Backward<float>(x, taps, bias, grad, gradX, gradTaps, gradBias, silu);
        else
            CausalConvKernels.Backward<double>(x, taps, bias, grad, gradX, gradTaps, gradBias, silu);
        using var tapsByChannel = gradTaps.t();                                          // (C, k)
        return [gradX, tapsByChannel.unsqueeze(1), gradBias!, null!];                    // weight's shape (C, 1, k)
    }
}
