using System.Text.Json.Serialization;
using MinRnnLab.Config;

namespace MinRnnLab.Abstractions;

/// <summary>
/// A run frozen at creation: which trial of which sweep, its parameters and the fully resolved training config.
/// </summary>
/// <param name="RunId">Unique id: "{sweepId}/{trialIndex}".</param>
/// <param name="Parameters">The swept values of this trial, by config key.</param>
/// <param name="Config">
/// The resolved run config. Stored (grain state, the trial pipe) under its old name "ConfigJson" as the config JSON
/// string runs were always stored with, so state written before the config was typed reads unchanged (StoredRunConfig).
/// </param>
/// <param name="DeviceKind">"cpu" or "cuda": which kind of device slot may lease it.</param>
/// <param name="TargetLoss">The sweep metric's target: its first crossing is recorded as "steps to target".</param>
/// <param name="Metric">The sweep's metric; null in runs stored before sweeps handed it to their runs (read as val_loss).</param>
/// <param name="EvaluationsJudged">
/// Whether the sweep judges each evaluation (early termination, or TPE keeping curves), so the run passes every one on;
/// null in runs stored before this was recorded, which pass them on as they did then.
/// </param>
[GenerateSerializer, Immutable, Alias("MinRnnLab.RunSpec")]
public sealed record RunSpec(
    [property: Id(0)] string RunId,
    [property: Id(1)] string SweepId,
    [property: Id(2)] int TrialIndex,
    [property: Id(3)] string Arch,
    [property: Id(4)] Dictionary<string, string> Parameters,
    [property: Id(5)] long Seed,
    [property: Id(6), JsonPropertyName(StoredRunConfig.PropertyName), JsonConverter(typeof(StoredRunConfig))] RunConfig Config,
    [property: Id(7)] int MaxRestarts,
    [property: Id(8)] double? TargetLoss,
    [property: Id(9)] string DeviceKind,
    [property: Id(10)] SweepMetric? Metric = null,
    [property: Id(11)] bool? EvaluationsJudged = null)
{
    /// <summary>What this run's best and steps to target are measured on.</summary>
    [JsonIgnore]
    public SweepMetric Objective => Metric ?? SweepMetric.ValLoss;
}
