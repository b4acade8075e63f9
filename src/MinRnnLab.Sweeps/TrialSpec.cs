using MinRnnLab.Config;

namespace MinRnnLab.Sweeps;

/// <summary>
/// One run of a sweep: the parameter values chosen for it (arch first, then file order), which of the
/// configuration's seeds it is, and the fully resolved config it trains with (Config.Train.Seed == Seed).
/// </summary>
public sealed record TrialSpec(int Index, IReadOnlyDictionary<string, string> Parameters, int SeedIndex, long Seed, RunConfig Config);
