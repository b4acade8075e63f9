namespace MinRnnLab.Abstractions;

/// <summary>
/// A run frozen at creation: which trial of which sweep, its parameters and the fully resolved training config.
/// </summary>
/// <param name="RunId">Unique id: "{sweepId}/{trialIndex}".</param>
/// <param name="Parameters">The swept values of this trial, by config key.</param>
/// <param name="ConfigJson">The resolved run config (MinRnnLab.Training's ConfigJson).</param>
/// <param name="DeviceKind">"cpu" or "cuda": which kind of device slot may lease it.</param>
/// <param name="TargetLoss">Validation loss whose first crossing is recorded as "steps to target".</param>
[GenerateSerializer, Immutable, Alias("MinRnnLab.RunSpec")]
public sealed record RunSpec(
    [property: Id(0)] string RunId,
    [property: Id(1)] string SweepId,
    [property: Id(2)] int TrialIndex,
    [property: Id(3)] string Arch,
    [property: Id(4)] Dictionary<string, string> Parameters,
    [property: Id(5)] long Seed,
    [property: Id(6)] string ConfigJson,
    [property: Id(7)] int MaxRestarts,
    [property: Id(8)] double? TargetLoss,
    [property: Id(9)] string DeviceKind);
