using MinRnnLab.Tests.Shared;
using System.Text.RegularExpressions;

namespace MinRnnLab.Sweeps.Tests.Fuzz;

/// <summary>What the fuzzer mutates: the sample sweeps (sweeps/*.yaml) and every YAML example in docs/sweep-files.md.</summary>
internal static partial class FuzzSeeds
{
    public static IReadOnlyList<string> Load()
    {
        var samples = Directory.GetFiles(Repository.PathOf("sweeps"), "*.yaml").Order().Select(File.ReadAllText);
        var docs = YamlBlock().Matches(File.ReadAllText(Repository.PathOf("docs", "sweep-files.md"))).Select(m => m.Groups[1].Value);
        return [.. samples, .. docs];
    }

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
