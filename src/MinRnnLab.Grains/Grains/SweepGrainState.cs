using MinRnnLab.Abstractions;
using MinRnnLab.Sweeps;

namespace MinRnnLab.Grains.Grains;

/// <summary>A sweep's lifecycle truth: the submitted file, how far expansion got, and each trial's outcome.</summary>
public sealed class SweepGrainState
{
    public string? Yaml { get; set; }
    public string FileName { get; set; } = "";
    public SweepState State { get; set; }
    public int NextTrial { get; set; }
    public int PlannedTrials { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<TrialInfo> Trials { get; set; } = [];

    /// <summary>Every evaluation of the sweep metric, kept only when early termination or TPE needs them.</summary>
    public List<EvalObservation> Observations { get; set; } = [];

    /// <summary>TPE's parameters per configuration, so the other seeds of a configuration reuse them.</summary>
    public Dictionary<int, Dictionary<string, string>> Suggested { get; set; } = [];

    /// <summary>Steps between evaluations (the same for every trial when observations are kept).</summary>
    public int EvalInterval { get; set; } = 1;
}
