using Orleans;

namespace MinRnnLab.Config;

/// <summary>The sequence-mixing layer a language model is built from.</summary>
[GenerateSerializer, Alias("MinRnnLab.Architecture")]
public enum Architecture
{
    Transformer,
    MinGru,
    MinLstm,
    Mamba,
    Gru,
    Lstm,
}

public static class ArchitectureNames
{
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<Architecture>().Select(a => a.ToConfigName()).ToArray();

    public static bool TryParse(string text, out Architecture arch)
    {
        foreach (var candidate in Enum.GetValues<Architecture>())
        {
            if (string.Equals(candidate.ToConfigName(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                arch = candidate;
                return true;
            }
        }
        arch = default;
        return false;
    }

    public static Architecture Parse(string text) => TryParse(text, out var arch)
        ? arch
        : throw new ArgumentException($"unknown architecture '{text}'; expected one of: {string.Join(", ", All)}");
}
