using static TorchSharp.torch;

namespace MinRnnLab.Models;

/// <summary>
/// The minGRU / minLSTM recurrence from the projection's output k to h, fused into one CPU kernel for forward and
/// one for backward. On a CPU the recurrence itself is a few multiply-adds per element, far cheaper than the
/// log-space parallel scan's full passes over (B, T, H); on a GPU each step would be a kernel launch, so GPUs keep
/// the log-space scan (<see cref="MinGru.LogSpace"/>, <see cref="MinLstm.LogSpace"/>), which is also the reference
/// this is tested against.
/// </summary>
public static class FusedMinRnn
{
    /// <summary>Gate pre-activations in front of the candidate's in k: minGRU has k_z, minLSTM k_f and k_i.</summary>
    public const int MinGruGates = 1, MinLstmGates = 2;

    /// <summary>Whether <see cref="Scan"/> can run on k: a float32 or float64 tensor on the CPU.</summary>
    public static bool Supports(Tensor k) => CpuKernel.Supports(k);

    /// <summary>
    /// k (B, T, (gates + 1)·H) = [gate pre-activations…, candidate pre-activation], optional positive h_0 (B, H)
    /// → h (B, T, H), differentiable in k and h_0.
    /// </summary>
    public static Tensor Scan(Tensor k, Tensor? h0, int gates)
    {
        if (gates is not (MinGruGates or MinLstmGates))
            throw new ArgumentOutOfRangeException(nameof(gates), gates, "1 (minGRU) or 2 (minLSTM)");
        if (!Supports(k) || k.dim() != 3 || k.shape[2] % (gates + 1) != 0)
            throw new ArgumentException(
                $"k must be a float32/float64 CPU tensor (B, T, {gates + 1}·H); got {k.dtype} {k.device_type} [{string.Join(", ", k.shape)}]",
                nameof(k));
        var hidden = k.shape[2] / (gates + 1);
        if (h0 is not null && (h0.dtype != k.dtype || h0.device_type != k.device_type || !h0.shape.SequenceEqual([k.shape[0], hidden])))
            throw new ArgumentException(
                $"h0 must be {k.dtype} on {k.device_type} with shape [{k.shape[0]}, {hidden}]; got {h0.dtype} {h0.device_type} [{string.Join(", ", h0.shape)}]",
                nameof(h0));
        return FusedMinRnnFunction.apply(k, h0!, gates);
    }
}
