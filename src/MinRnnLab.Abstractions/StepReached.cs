namespace MinRnnLab.Abstractions;

/// <summary>
/// How far one attempt of a run trained, as the run's folder recorded it while it trained: the next attempt reads it to
/// tell the run what a kill lost (the steps after the last report, which no report carried).
/// </summary>
/// <param name="Attempt">The attempt that trained them.</param>
/// <param name="Step">The steps it had completed when it last recorded them (every log_interval steps).</param>
[GenerateSerializer, Immutable, Alias("MinRnnLab.StepReached")]
public sealed record StepReached([property: Id(0)] int Attempt, [property: Id(1)] int Step);
