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
/// Shapes: x, y, dL/dy, dL/dx (B, T, C); taps (k, C) with taps[k − 1] applied to x_t itself; bias (C); all contiguous.
/// </summary>
internal static unsafe class CausalConvKernels
{
    public static void Forward<T>(Tensor x, Tensor taps, Tensor? bias, Tensor y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shape = new Shape(x, taps, Vector<T>.Count);
        nint xAt = Address(x), tapsAt = Address(taps), biasAt = bias is null ? 0 : Address(bias), yAt = Address(y);
        ForEach(shape.Blocks, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (block) =>
        {
            var (j, lanes) = shape.Channels(block);
            var start = biasAt == 0 ? Vector<T>.Zero : Load((T*)biasAt + j, lanes);
            for (long b = 0; b < shape.Batch; b++)
            {
                var xRow = (T*)xAt + b * shape.Length * shape.Width + j;                 // x[b, 0, j]
                var yRow = (T*)yAt + b * shape.Length * shape.Width + j;
                for (long t = 0; t < shape.Length; t++)
                {
                    var sum = start;
                    // Tap i reads x at t − (k − 1) + i, which exists from i = k − 1 − t on.
                    for (var i = (int)Math.Max(0, shape.Kernel - 1 - t); i < shape.Kernel; i++)
                        sum += Load((T*)tapsAt + i * shape.Width + j, lanes) * Load(xRow + (t - (shape.Kernel - 1) + i) * shape.Width, lanes);
                    Store(sum, yRow + t * shape.Width, lanes);
                }
            }
        });
    }

    /// <summary>Writes dL/dx, dL/dtaps and, when there is a bias, dL/dbias.</summary>
    public static void Backward<T>(Tensor x, Tensor taps, Tensor gradY, Tensor gradX, Tensor gradTaps, Tensor? gradBias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shape = new Shape(x, taps, Vector<T>.Count);
        nint xAt = Address(x), tapsAt = Address(taps), gradYAt = Address(gradY), gradXAt = Address(gradX);
        nint gradTapsAt = Address(gradTaps), gradBiasAt = gradBias is null ? 0 : Address(gradBias);
        ForEach(shape.Blocks, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (block) =>
        {
            var (j, lanes) = shape.Channels(block);
            Span<Vector<T>> tapSums = stackalloc Vector<T>[shape.Kernel];               // Σ_{b,t} dL/dy_t ⊙ x_{t−(k−1)+i}
            var biasSum = Vector<T>.Zero;
            for (long b = 0; b < shape.Batch; b++)
            {
                var xRow = (T*)xAt + b * shape.Length * shape.Width + j;
                var gradYRow = (T*)gradYAt + b * shape.Length * shape.Width + j;
                var gradXRow = (T*)gradXAt + b * shape.Length * shape.Width + j;
                for (long s = 0; s < shape.Length; s++)
                {
                    var gradYs = Load(gradYRow + s * shape.Width, lanes);
                    biasSum += gradYs;
                    for (var i = (int)Math.Max(0, shape.Kernel - 1 - s); i < shape.Kernel; i++)
                        tapSums[i] += gradYs * Load(xRow + (s - (shape.Kernel - 1) + i) * shape.Width, lanes);
                    // x_s feeds y at t = s + (k − 1) − i through tap i, for the t that exist.
                    var gradXs = Vector<T>.Zero;
                    for (var i = (int)Math.Max(0, s + shape.Kernel - shape.Length); i < shape.Kernel; i++)
                        gradXs += Load((T*)tapsAt + i * shape.Width + j, lanes) * Load(gradYRow + (s + shape.Kernel - 1 - i) * shape.Width, lanes);
                    Store(gradXs, gradXRow + s * shape.Width, lanes);
                }
            }
            for (var i = 0; i < shape.Kernel; i++)
                Store(tapSums[i], (T*)gradTapsAt + i * shape.Width + j, lanes);
            if (gradBiasAt != 0)
                Store(biasSum, (T*)gradBiasAt + j, lanes);
        });
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
