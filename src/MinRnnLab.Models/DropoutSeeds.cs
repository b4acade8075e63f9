namespace MinRnnLab.Models;

/// <summary>
/// One model's own sequence of dropout-mask seeds. libtorch draws masks from its process-wide generator, which every
/// trainer in a silo shares, so a run's masks used to depend on what its neighbours drew, and resuming a run reset
/// that generator under them. Instead, each mask comes from the next number of this sequence: on a CPU it is hashed
/// from it (<see cref="FusedDropout"/>), elsewhere drawn right after seeding the generator with it
/// (<see cref="GlobalGenerator.Draw{T}"/>). So a model's masks depend only on its seed and on how many it has drawn,
/// <see cref="Drawn"/>, which a checkpoint keeps.
/// </summary>
public sealed class DropoutSeeds(long seed)
{
    public long Seed { get; } = seed;

    /// <summary>How many masks the model has drawn; a resumed run sets it from its checkpoint.</summary>
    public long Drawn { get; set; }

    /// <summary>The seed of the next mask: SplitMix64 of the model's seed and the mask's index.</summary>
    public long Next() => (long)Mix(Mix((ulong)Seed) + (ulong)Drawn++ * Golden);

    private const ulong Golden = 0x9E3779B97F4A7C15;

    // SplitMix64's output function: neighbouring inputs give unrelated outputs.
    private static ulong Mix(ulong z)
    {
        z += Golden;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
