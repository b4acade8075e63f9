using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace MinRnnLab.Models;

/// <summary>
/// Autograd node for causal attention with dropout on its weights, tiled (<see cref="FlashAttention"/> each way):
/// q, k, v (B, nh, T, hs) → dropout(softmax(q kᵀ / √hs, the future masked)) v, (B, nh, T, hs). Saves q, k, v, the
/// output and one log-sum-exp per query, (B, nh, T): B·nh·T·(4 hs + 1) floats where the written-out attention kept its
/// (B, nh, T, T) weights. The dropout mask is hashed again in the backward pass.
/// vars: q, k, v, p (double), seed (long).
/// </summary>
internal sealed class FlashAttentionFunction : SingleTensorFunction<FlashAttentionFunction>
{
    public override string Name => nameof(FlashAttentionFunction);

    /// <summary>
    /// Whether the kernel takes these queries (B, nh, T, hs): float32 on the CPU, and fewer than 2³² attention weights
    /// (one hash key for the dropout mask).
    /// </summary>
    public static bool Supports(Tensor q) =>
        q.device_type == TorchSharp.DeviceType.CPU && q.dtype == ScalarType.Float32 && q.dim() == 4
        && q.shape[0] * q.shape[1] * q.shape[2] * q.shape[2] < (1L << 32);

    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var (b, h, t, hs) = (((Tensor)vars[0]).shape[0], ((Tensor)vars[0]).shape[1], ((Tensor)vars[0]).shape[2], ((Tensor)vars[0]).shape[3]);
        var (q, k, v) = (Heads(vars[0]), Heads(vars[1]), Heads(vars[2]));               // (B·nh, T, hs), contiguous
        var (p, seed) = ((double)vars[3], (long)vars[4]);
        var output = empty(b * h, t, hs);
        var logSumExp = empty(b * h, t);
        FlashAttention.Forward(q, k, v, output, logSumExp, Alpha(hs), p, seed);
        ctx.save_for_backward([q, k, v, output, logSumExp]);
        ctx.save_data("p", p);
        ctx.save_data("seed", seed);
        return output.view(b, h, t, hs);
    }

    public override List<Tensor> backward(AutogradContext ctx, Tensor gradOutput)
    {
        using var handed = new BackwardTensors(gradOutput);
        var saved = handed.Saved(ctx);
        var (q, k, v, output, logSumExp) = (saved[0], saved[1], saved[2], saved[3], saved[4]);
        var (b, h, t, hs) = (gradOutput.shape[0], gradOutput.shape[1], gradOutput.shape[2], gradOutput.shape[3]);
        var (gradQ, gradK, gradV) = (empty(b, h, t, hs), zeros(b, h, t, hs), zeros(b, h, t, hs)); // returned: the caller's scope
        FlashAttention.Backward(q, k, v, output, logSumExp, handed.Add(Heads(gradOutput)),
            handed.Add(gradQ.view(b * h, t, hs)), handed.Add(gradK.view(b * h, t, hs)), handed.Add(gradV.view(b * h, t, hs)),
            Alpha(hs), (double)ctx.get_data("p"), (long)ctx.get_data("seed"));
        return [gradQ, gradK, gradV, null!, null!];
    }

    // (B, nh, T, hs) → (B·nh, T, hs), contiguous: a copy for the transposed views the attention is handed.
    private static Tensor Heads(object x)
    {
        var t = (Tensor)x;
        using var contiguous = t.contiguous();                                          // a wrapper of its own, even when t is contiguous
        return contiguous.view(t.shape[0] * t.shape[1], t.shape[2], t.shape[3]);
    }

    private static double Alpha(long headSize) => 1.0 / Math.Sqrt(headSize);
}
