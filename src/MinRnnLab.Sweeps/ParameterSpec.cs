namespace MinRnnLab.Sweeps;

/// <summary>How a parameter's values are produced.</summary>
public enum ParameterKind
{
    /// <summary>`{value: X}`: one fixed value (useful under a `when`).</summary>
    Constant,
    /// <summary>`{values: [a, b]}`: a list; grid takes each, random picks one uniformly.</summary>
    Values,
    /// <summary>`{distribution: uniform, min, max}`: real in [min, max) (random only).</summary>
    Uniform,
    /// <summary>`{distribution: log_uniform, min, max}`: exp of a uniform in [ln min, ln max) (random only).</summary>
    LogUniform,
    /// <summary>`{distribution: int_uniform, min, max}`: integer in [min, max], both ends included (random only).</summary>
    IntUniform,
}

/// <summary>
/// One searched config key. Values holds the candidates for Constant (one) and Values; Min/Max bound the
/// distributions. When lists the architectures the parameter applies to; empty means every architecture.
/// </summary>
public sealed record ParameterSpec(
    string Key,
    ParameterKind Kind,
    IReadOnlyList<string> Values,
    double Min,
    double Max,
    IReadOnlyList<string> When)
{
    /// <summary>Grid can enumerate it (a list or a constant), rather than only sample it.</summary>
    public bool IsDiscrete => Kind is ParameterKind.Constant or ParameterKind.Values;

    public bool AppliesTo(string arch) => When.Count == 0 || When.Contains(arch, StringComparer.OrdinalIgnoreCase);
}
