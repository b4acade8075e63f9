using static TorchSharp.torch;

namespace MinRnnLab.Models;

/// <summary>
/// libtorch's process-wide random generator draws every initial weight and dropout mask, and the trainers of a silo
/// share it. Unguarded, one run's initialisation interleaved with another's draws, so a seed did not fix the model:
/// two runs of seed 1339 started together in one silo differed from step 0, while the same run alone was
/// bit-identical every time. Every draw in Models takes <see cref="Gate"/>: a model is seeded and built in one
/// piece (<see cref="ModelFactory.Create"/>), and each dropout mask is drawn by <see cref="Draw{T}"/>, right after
/// seeding the generator from the model's own <see cref="DropoutSeeds"/>, so that a run's masks do not depend on its
/// neighbours either.
/// </summary>
public static class GlobalGenerator
{
    public static readonly Lock Gate = new();

    /// <summary>
    /// Runs <paramref name="draw"/>, which draws on <paramref name="device"/>, under <see cref="Gate"/>, first seeding
    /// that device's generator with the next of <paramref name="seeds"/> when there are seeds (a model built without a
    /// seed draws from wherever the shared generator stands). TorchSharp's manual_seed seeds only the CPU's generator,
    /// so a GPU's is seeded apart.
    /// </summary>
    public static T Draw<T>(DropoutSeeds? seeds, Device device, Func<T> draw)
    {
        lock (Gate)
        {
            if (seeds?.Next() is long seed)
            {
                manual_seed(seed);
                if (device.type == TorchSharp.DeviceType.CUDA)
                    cuda.manual_seed_all(seed);
            }
            return draw();
        }
    }
}
