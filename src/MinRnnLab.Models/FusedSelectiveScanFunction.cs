using System.Numerics;
using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace MinRnnLab.Models;

/// <summary>
/// Autograd node for <see cref="SelectiveScan.Parallel"/> on a CPU: <see cref="SelectiveScanKernels"/> each way.
/// Saves the inputs and the state at each chunk start (B, L/Lc, D, N) in total, the same as the chunked libtorch
/// path, and recomputes one chunk of one channel block at a time in the backward pass.
/// vars: x, Δ (B, L, D); A (D, N); B, C (B, L, N); chunk length (int); softplus (bool: Δ is handed before Mamba's
/// softplus, which the kernels take); D (D) and z (B, L, D), or both null. Returns y (B, L, D) without the D skip, or
/// with them Mamba's gated output (y + D ⊙ x) ⊙ SiLU(z).
/// </summary>
internal sealed class FusedSelectiveScanFunction : SingleTensorFunction<FusedSelectiveScanFunction>
{
    public override string Name => nameof(FusedSelectiveScanFunction);

    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var (x, delta, b, c) = (((Tensor)vars[0]).contiguous(), ((Tensor)vars[1]).contiguous(),
            ((Tensor)vars[3]).contiguous(), ((Tensor)vars[4]).contiguous());
        var aT = ((Tensor)vars[2]).t().contiguous();                                    // (N, D): channels contiguous
        var (chunk, softplus) = ((int)vars[5], (bool)vars[6]);
        SelectiveScanKernels.Gate? gate = vars[7] is Tensor skip ? new(skip.contiguous(), ((Tensor)vars[8]).contiguous()) : null;
        var (batch, length, channels) = (x.shape[0], x.shape[1], x.shape[2]);
        var y = empty_like(x);                                                          // (B, L, D)
        var width = x.dtype == ScalarType.Float32 ? Vector<float>.Count : Vector<double>.Count;
        var starts = empty(SelectiveScanKernels.StartStateCount(batch, channels, aT.shape[0], length, chunk, width), dtype: x.dtype);
        if (x.dtype == ScalarType.Float32)
            SelectiveScanKernels.Forward<float>(x, delta, aT, b, c, gate, y, starts, chunk, softplus);
        else
            SelectiveScanKernels.Forward<double>(x, delta, aT, b, c, gate, y, starts, chunk, softplus);
        ctx.save_for_backward(gate is { } g ? [x, delta, aT, b, c, starts, g.Skip, g.Z] : [x, delta, aT, b, c, starts]);
        ctx.save_data("chunk", chunk);
        ctx.save_data("softplus", softplus);
        return y;
    }

    public override List<Tensor> backward(AutogradContext ctx, Tensor gradY)
    {
        using var handed = new BackwardTensors(gradY);
        var saved = handed.Saved(ctx);
        var (x, delta, aT, b, c, starts) = (saved[0], saved[1], saved[2], saved[3], saved[4], saved[5]);
        SelectiveScanKernels.Gate? gate = saved.Count > 6 ? new(saved[6], saved[7]) : null;
        var (chunk, softplus) = ((int)ctx.get_data("chunk"), (bool)ctx.get_data("softplus"));
        var (batch, length, channels, states) = (x.shape[0], x.shape[1], x.shape[2], aT.shape[0]);
        var width = x.dtype == ScalarType.Float32 ? Vector<float>.Count : Vector<double>.Count;
        var groups = SelectiveScanKernels.Groups(channels, width);
        var (gradX, gradDelta) = (empty_like(x), empty_like(x));                        // (B, L, D)
        var gradAT = handed.Add(empty(batch, states, channels, dtype: x.dtype));        // (B, N, D), per sequence
        var gradB = handed.Add(empty(batch, groups, length, states, dtype: x.dtype));   // (B, groups, L, N)
        var gradC = handed.Add(empty(batch, groups, length, states, dtype: x.dtype));
        SelectiveScanKernels.Gate? gradGate = gate is null ? null
            : new(handed.Add(empty(batch, channels, dtype: x.dtype)), empty_like(x));   // dL/dD per sequence (B, D); dL/dz
        var grad = handed.Add(gradY.contiguous());
        if (x.dtype == ScalarType.Float32)
            SelectiveScanKernels.Backward<float>(x, delta, aT, b, c, gate, starts, grad, gradX, gradDelta, gradAT, gradB, gradC, gradGate, chunk, softplus);
        else
            SelectiveScanKernels.Backward<double>(x, delta, aT, b, c, gate, starts, grad, gradX, gradDelta, gradAT, gradB, gradC, gradGate, chunk, softplus);
        using var gradASum = gradAT.sum(dim: 0);                                         // (N, D)
        return [gradX, gradDelta, gradASum.t(), gradB.sum(dim: 1), gradC.sum(dim: 1), null!, null!,
            gradGate?.Skip.sum(dim: 0)!, gradGate?.Z!];
    }
}
