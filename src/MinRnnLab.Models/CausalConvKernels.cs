using System.Numerics;
using System.Runtime.CompilerServices;
using static MinRnnLab.Models.CpuKernel;
using static TorchSharp.torch;

namespace MinRnnLab.Models;

/// <summary>
/// The depthwise causal convolution of <see cref="CausalConv1d"/> as one CPU pass each way:
///     y[b, t, c] = bias[c] + Σ_i taps[i, c] · x[b, t − (k − 1) + i, c]     (x before t = 0 is zero)
/// libtorch runs it as a grouped conv1d over a transposed, padded copy, and its backward for one channel per group
/// costs more than the minRNN scan behind it. Work is split over blocks of one SIMD vector of channels; each work
/// item walks every sequence, so the weight gradient of a block is summed by one thread in one fixed order and the
/// result does not depend on the thread count.
/// With <c>silu</c> the kernels also take the SiLU that Mamba's block applies right after the conv: the forward pass
/// stores SiLU(y), and the backward pass recomputes the pre-activation y from the x it loads anyway for dL/dtaps
/// (k FMAs on values already in registers) instead of saving y, which would cost one more (B, T, C) write forward
/// and read backward, and as much memory, against the two libtorch passes each way it replaces.
/// Shapes: x, y, dL/dy, dL/dx (B, T, C); taps (k, C) with taps[k − 1] applied to x_t itself; bias (C); all contiguous.
/// </summary>
internal static unsafe class CausalConvKernels
{
    public static void Forward<T>(Tensor x, Tensor taps, Tensor? bias, Tensor y, bool silu) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shape = new Shape(x, taps, Vector<T>.Count);
        nint xAt = Address(x), tapsAt = Address(taps), biasAt = bias is null ? 0 : Address(bias), yAt = Address(y);
        ForEach(shape.Blocks, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (block) =>
        {
            var (j, lanes) = shape.Channels(block);
            var (length, width, kernel) = (shape.Length, shape.Width, shape.Kernel);
            Span<Vector<T>> weights = stackalloc Vector<T>[kernel];
            LoadTaps((T*)tapsAt + j, width, lanes, weights);
            var start = biasAt == 0 ? Vector<T>.Zero : Load((T*)biasAt + j, lanes);
            for (long b = 0; b < shape.Batch; b++)
            {
                var xRow = (T*)xAt + b * length * width + j;                             // x[b, 0, j]
                var yRow = (T*)yAt + b * length * width + j;
                for (long t = 0; t < length; t++)
                {
                    // Tap i reads x at t − (k − 1) + i, which exists from i = k − 1 − t on.
                    var sum = Convolve(xRow, t, width, lanes, weights, start);
                    Store(silu ? SiLU(sum) : sum, yRow + t * width, lanes);
                }
            }
        });
    }

    /// <summary>Writes dL/dx, dL/dtaps and, when there is a bias, dL/dbias; with <c>silu</c>, gradY is dL/dSiLU(y).</summary>
    public static void Backward<T>(Tensor x, Tensor taps, Tensor? bias, Tensor gradY, Tensor gradX, Tensor gradTaps,
        Tensor? gradBias, bool silu) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shape = new Shape(x, taps, Vector<T>.Count);
        nint xAt = Address(x), tapsAt = Address(taps), biasAt = bias is null ? 0 : Address(bias), gradYAt = Address(gradY);
        nint gradXAt = Address(gradX), gradTapsAt = Address(gradTaps), gradBiasAt = gradBias is null ? 0 : Address(gradBias);
        ForEach(shape.Blocks, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (block) =>
        {
            var (j, lanes) = shape.Channels(block);
            var (length, width, kernel) = (shape.Length, shape.Width, shape.Kernel);
            Span<Vector<T>> weights = stackalloc Vector<T>[kernel];
            LoadTaps((T*)tapsAt + j, width, lanes, weights);
            var start = biasAt == 0 ? Vector<T>.Zero : Load((T*)biasAt + j, lanes);
            Span<Vector<T>> tapSums = stackalloc Vector<T>[kernel];                    // Σ_{b,t} dL/dy_t ⊙ x_{t−(k−1)+i}
            Span<Vector<T>> later = stackalloc Vector<T>[kernel];                      // dL/dy at t … t + k − 1
            var biasSum = Vector<T>.Zero;
            for (long b = 0; b < shape.Batch; b++)
            {
                var xRow = (T*)xAt + b * length * width + j;
                var gradYRow = (T*)gradYAt + b * length * width + j;
                var gradXRow = (T*)gradXAt + b * length * width + j;
                later.Clear();
                // Last step first, so that dL/dy of the k steps x_t feeds are known when dL/dx_t is written.
                for (var t = length - 1; t >= 0; t--)
                {
                    var gradYt = Load(gradYRow + t * width, lanes);
                    if (silu)
                        gradYt *= SiLUSlope(Convolve(xRow, t, width, lanes, weights, start));
                    biasSum += gradYt;
                    var input = xRow + (t - (kernel - 1)) * width;
                    for (var i = (int)Math.Max(0, kernel - 1 - t); i < tapSums.Length; i++)
                        tapSums[i] = MultiplyAdd(gradYt, Load(input + i * width, lanes), tapSums[i]);
                    // x_t feeds y at t + (k − 1) − i through tap i: later[k − 1 − i] once shifted.
                    for (var i = kernel - 1; i > 0; i--)
                        later[i] = later[i - 1];
                    later[0] = gradYt;
                    var gradXt = Vector<T>.Zero;
                    for (var i = 0; i < kernel; i++)
                        gradXt = MultiplyAdd(weights[i], later[kernel - 1 - i], gradXt);
                    Store(gradXt, gradXRow + t * width, lanes);
                }
            }
            for (var i = 0; i < kernel; i++)
                Store(tapSums[i], (T*)gradTapsAt + i * width + j, lanes);
            if (gradBiasAt != 0)
                Store(biasSum, (T*)gradBiasAt + j, lanes);
        });
    }

    // bias + Σ_i taps[i] ⊙ x[t − (k − 1) + i] over the taps whose input exists (t − (k − 1) + i ≥ 0).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Convolve<T>(T* xRow, long t, long width, int lanes, Span<Vector<T>> weights, Vector<T> start)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var input = xRow + (t - (weights.Length - 1)) * width;
        var sum = start;
        for (var i = (int)Math.Max(0, weights.Length - 1 - t); i < weights.Length; i++)
            sum = MultiplyAdd(weights[i], Load(input + i * width, lanes), sum);
        return sum;
    }

    // The k taps of one channel block, (k, C) rows `width` apart, held for the whole work item.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadTaps<T>(T* first, long width, int lanes, Span<Vector<T>> taps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < taps.Length; i++)
            taps[i] = Load(first + i * width, lanes);
    }

    // Sizes, and which channels a work item (block) covers.
    private readonly struct Shape(Tensor x, Tensor taps, int vectorWidth)
    {
        public long Batch { get; } = x.shape[0];
        public long Length { get; } = x.shape[1];
        public long Width { get; } = x.shape[2];
        public int Kernel { get; } = (int)taps.shape[0];
        public long Blocks => (Width + vectorWidth - 1) / vectorWidth;

        public (long J, int Lanes) Channels(long block) =>
            (block * vectorWidth, (int)Math.Min(vectorWidth, Width - block * vectorWidth));
    }
}
