using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace MinRnnLab.Models;

/// <summary>
/// Autograd node for <see cref="FusedMinRnn.Scan"/>: the whole minGRU / minLSTM recurrence (gates, g, scan) as
/// one CPU kernel each way (<see cref="MinRnnKernels"/>), so a layer costs two passes over its activations
/// instead of a dozen libtorch ops per step or per (B, T, H) tensor.
/// vars: k (B, T, (gates + 1)·H), h_0 (B, H) or null, gates (int). Returns h (B, T, H).
/// </summary>
internal sealed class FusedMinRnnFunction : SingleTensorFunction<FusedMinRnnFunction>
{
    public override string Name => nameof(FusedMinRnnFunction);

    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var (k, h0, gates) = (((Tensor)vars[0]).contiguous(), (vars[1] as Tensor)?.contiguous(), (int)vars[2]);
        var h = empty(k.shape[0], k.shape[1], k.shape[2] / (gates + 1), dtype: k.dtype);  // (B, T, H)
        if (k.dtype == ScalarType.Float32)
            MinRnnKernels.Forward<float>(k, h0, h, gates);
        else
            MinRnnKernels.Forward<double>(k, h0, h, gates);
        // h is saved as the states h_{t-1} the backward needs; it is this node's output, so nothing is copied.
        ctx.save_for_backward(h0 is null ? [k, h] : [k, h, h0]);
        ctx.save_data("gates", gates);
        return h;
    }

    public override List<Tensor> backward(AutogradContext ctx, Tensor gradH)
    {
        using var handed = new BackwardTensors(gradH);
        var saved = handed.Saved(ctx);
        var (k, h, h0) = (saved[0], saved[1], saved.Count > 2 ? saved[2] : null);
        var gates = (int)ctx.get_data("gates");
        var gradK = empty_like(k);                                                       // (B, T, (gates + 1)·H)
        var gradH0 = h0 is null ? null : empty_like(h0);                                 // (B, H)
        var grad = handed.Add(gradH.contiguous());                                      // (B, T, H)
        if (k.dtype == ScalarType.Float32)
            MinRnnKernels.Backward<float>(k, h, h0, grad, gradK, gradH0, gates);
        else
            MinRnnKernels.Backward<double>(k, h, h0, grad, gradK, gradH0, gates);
        return [gradK, gradH0!, null!];
    }
}
