namespace MinRnnLab.Models;

/// <summary>
/// libtorch's process-wide random generator draws every initial weight and dropout mask, and the trainers of a silo
/// share it. Unguarded, one run's initialisation interleaved with another's draws, so a seed did not fix the model:
/// two runs of seed 1339 started together in one silo differed from step 0, while the same run alone was
/// bit-identical every time. Every draw in Models takes <see cref="Gate"/>: a model is seeded and built in one
/// piece (<see cref="ModelFactory.Create"/>), dropout masks are drawn one call at a time (<see cref="LockedDropout"/>).
/// What stays shared: with dropout > 0 the masks a run draws depend on its neighbours' draws, so such a run is
/// reproducible alone, and with dropout 0 (the CPU presets) in any company.
/// </summary>
public static class GlobalGenerator
{
    public static readonly Lock Gate = new();
}
