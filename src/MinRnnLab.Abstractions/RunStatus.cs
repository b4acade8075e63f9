namespace MinRnnLab.Abstractions;

/// <summary>A run's lifecycle and headline numbers, small enough to be grain state.</summary>
[GenerateSerializer, Immutable, Alias("MinRnnLab.RunStatus")]
public sealed record RunStatus(
    [property: Id(0)] string RunId,
    [property: Id(1)] string SweepId,
    [property: Id(2)] string Arch,
    [property: Id(3)] RunState State,
    [property: Id(4)] int Attempt,
    [property: Id(5)] string? Worker,
    [property: Id(6)] int LastStep,
    [property: Id(7)] int? LastCheckpointStep,
    [property: Id(8)] double? BestMetric,
    [property: Id(9)] int? BestStep,
    [property: Id(10)] int? StepsToTarget,
    [property: Id(11)] double? FinalValLoss,
    [property: Id(12)] string? Reason,
    [property: Id(13)] DateTimeOffset? StartedAt,
    [property: Id(14)] DateTimeOffset? FinishedAt,
    [property: Id(15)] double TrainingSeconds)
{
    /// <summary>The run's name, tags and notes; <see cref="Labels.None"/> until someone writes some.</summary>
    [Id(16)]
    public Labels Labels { get; init; } = Labels.None;

    /// <summary>True while the run is being deleted: stopped, refusing its worker's reports, its files and metrics going.</summary>
    [Id(17)]
    public bool Deleting { get; init; }
}
