using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace MinRnnLab.Training.Benchmarks;

/// <summary>
/// The matmul throughput this device reaches right now, the denominator of model FLOP utilisation.
/// Measured in the same process as the model so that both see the same threads and clock.
/// </summary>
public static class MatmulPeak
{
    public static double MeasureFlopsPerSecond(Device device, int size = 1024, int repeats = 10)
    {
        using var scope = NewDisposeScope();
        var a = randn(size, size, device: device);
        var b = randn(size, size, device: device);
        var best = double.MaxValue;
        for (var i = 0; i < repeats + 2; i++)
        {
            var watch = Stopwatch.StartNew();
            var c = a.matmul(b);
            if (device.type == DeviceType.CUDA)
                cuda.synchronize(device);
            else
                c.sum().item<float>();
            if (i >= 2)                                                                 // first runs warm caches
                best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return 2.0 * size * size * size / best;
    }
}
