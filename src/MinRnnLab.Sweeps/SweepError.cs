using Orleans;

namespace MinRnnLab.Sweeps;

/// <summary>One problem in a sweep file, at the node that causes it (1-based line and column).</summary>
[GenerateSerializer, Immutable, Alias("MinRnnLab.SweepError")]
public sealed record SweepError(
    [property: Id(0)] string File,
    [property: Id(1)] int Line,
    [property: Id(2)] int Column,
    [property: Id(3)] string Message)
{
    /// <summary>`file:line:column: message`, the form editors and CI logs link to.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>Either a valid definition (Errors empty) or every error found, in file order.</summary>
public sealed record SweepParseResult(SweepDefinition? Definition, IReadOnlyList<SweepError> Errors)
{
    public bool IsValid => Definition is not null && Errors.Count == 0;
}
