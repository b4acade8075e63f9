namespace MinRnnLab.Abstractions;

/// <summary>How a worker's attempt at a run ended.</summary>
[GenerateSerializer, Immutable, Alias("MinRnnLab.RunOutcome")]
public sealed record RunOutcome(
    [property: Id(0)] RunState State,
    [property: Id(1)] int Steps,
    [property: Id(2)] double? FinalValLoss,
    [property: Id(3)] string? Reason,
    [property: Id(4)] double TrainingSeconds);
