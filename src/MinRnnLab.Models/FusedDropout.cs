using static TorchSharp.torch;

namespace MinRnnLab.Models;

/// <summary>
/// Dropout whose mask is hashed from a seed (<see cref="DropoutKernels"/>) instead of drawn from libtorch's
/// generator: on a CPU, in float32 and float64. <see cref="LockedDropout"/> and the Transformer's attention use it
/// with the model's <see cref="DropoutSeeds"/>; elsewhere they fall back to libtorch's dropout.
/// </summary>
public static class FusedDropout
{
    /// <summary>Whether <see cref="Apply"/> can run on x: a float32 or float64 tensor on the CPU.</summary>
    public static bool Supports(Tensor x) => CpuKernel.Supports(x);

    /// <summary>
    /// x with each element kept with probability 1 − p and scaled by 1 / (1 − p), else zeroed; the same
    /// <paramref name="seed"/> gives the same mask. Differentiable in x.
    /// </summary>
    public static Tensor Apply(Tensor x, double p, long seed)
    {
        if (!Supports(x))
            throw new ArgumentException($"x must be a float32/float64 CPU tensor; got {x.dtype} {x.device_type}", nameof(x));
        if (!(p >= 0 && p < 1))
            throw new ArgumentOutOfRangeException(nameof(p), p, "a dropout probability in [0, 1)");
        return FusedDropoutFunction.apply(x, p, seed);
    }
}
