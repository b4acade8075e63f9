namespace MinRnnLab.Sweeps;

/// <summary>One problem in a sweep file, at the node that causes it (1-based line and column).</summary>
public sealed record SweepError(string File, int Line, int Column, string Message)
{
    /// <summary>`file:line:column: message`, the form editors and CI logs link to.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>Either a valid definition (Errors empty) or every error found, in file order.</summary>
public sealed record SweepParseResult(SweepDefinition? Definition, IReadOnlyList<SweepError> Errors)
{
    public bool IsValid => Definition is not null && Errors.Count == 0;
}
