using MinRnnLab.Abstractions;

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
}
