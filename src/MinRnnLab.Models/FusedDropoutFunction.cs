using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace MinRnnLab.Models;

/// <summary>
/// Autograd node for <see cref="FusedDropout.Apply"/>: <see cref="DropoutKernels"/> each way. Saves nothing but the
/// seed and p; the backward pass hashes the same mask again.
/// vars: x (any shape), p (double), seed (long). Returns y, shaped like x.
/// </summary>
internal sealed class FusedDropoutFunction : SingleTensorFunction<FusedDropoutFunction>
{
    public override string Name => nameof(FusedDropoutFunction);

    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var (x, p, seed) = (((Tensor)vars[0]).contiguous(), (double)vars[1], (long)vars[2]);
        ctx.save_data("p", p);
        ctx.save_data("seed", seed);
        return Masked(x, p, seed);
    }

    public override List<Tensor> backward(AutogradContext ctx, Tensor gradY)
    {
        using var handed = new BackwardTensors(gradY);
        return [Masked(handed.Add(gradY.contiguous()), (double)ctx.get_data("p"), (long)ctx.get_data("seed")), null!, null!];
    }

    private static Tensor Masked(Tensor src, double p, long seed)
    {
        var dst = empty_like(src);
        if (src.dtype == ScalarType.Float32)
            DropoutKernels.Apply<float>(src, dst, p, seed);
        else
            DropoutKernels.Apply<double>(src, dst, p, seed);
        return dst;
    }
}
