using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace MinRnnLab.Models;

/// <summary>
/// Autograd node for a causal attention's weights with dropout on a CPU in float32 (<see cref="CausalSoftmaxKernels"/>
/// each way): raw scores S → D = dropout(softmax(α·S with the future masked)). Saves the weights P, which the softmax's
/// backward pass needs as libtorch's does; the mask is hashed again.
/// vars: S (B, nh, T, T), α (double), p (double), seed (long). Returns D (B, nh, T, T).
/// </summary>
internal sealed class CausalSoftmaxDropoutFunction : SingleTensorFunction<CausalSoftmaxDropoutFunction>
{
    public override string Name => nameof(CausalSoftmaxDropoutFunction);

    /// <summary>
    /// Whether the kernel takes the scores of these queries (B, nh, T, hs) against keys as long: float32 on the CPU,
    /// and fewer than 2³² scores.
    /// </summary>
    public static bool Supports(Tensor q) =>
        q.device_type == TorchSharp.DeviceType.CPU && q.dtype == ScalarType.Float32 && q.dim() == 4
        && q.shape[0] * q.shape[1] * q.shape[2] * q.shape[2] < (1L << 32);

    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var (scores, alpha, p, seed) = (((Tensor)vars[0]).contiguous(), (double)vars[1], (double)vars[2], (long)vars[3]);
        var weights = empty_like(scores);
        var dropped = empty_like(scores);
        CausalSoftmaxKernels.Forward(scores, weights, dropped, alpha, p, seed);
        ctx.save_for_backward([weights]);
        ctx.save_data("alpha", alpha);
        ctx.save_data("p", p);
        ctx.save_data("seed", seed);
        return dropped;
    }

    public override List<Tensor> backward(AutogradContext ctx, Tensor gradDropped)
    {
        using var handed = new BackwardTensors(gradDropped);
        var weights = handed.Saved(ctx)[0];
        var gradScores = empty_like(weights);
        CausalSoftmaxKernels.Backward(weights, handed.Add(gradDropped.contiguous()), gradScores, (double)ctx.get_data("alpha"),
            (double)ctx.get_data("p"), (long)ctx.get_data("seed"));
        return [gradScores, null!, null!, null!];
    }
}
