using System.Globalization;

namespace MinRnnLab.Sweeps;

/// <summary>
/// Random search: independent draws from a generator seeded by the sweep's `seed`, so the same file always
/// yields the same trials. arch is drawn first; a parameter is drawn only when it applies to that arch.
/// </summary>
internal static class RandomSearch
{
    public static IEnumerable<IReadOnlyDictionary<string, string>> Configurations(SweepDefinition sweep)
    {
        // System.Random with a seed keeps its legacy, version-stable sequence.
        var random = new Random(sweep.SamplerSeed);
        var archParameter = sweep.Parameters.FirstOrDefault(p => p.Key == SweepKeys.Arch);
        var fixedArch = TrialExpander.Architectures(sweep)[0];
        while (true)
        {
            var parameters = new Dictionary<string, string>();
            var arch = fixedArch;
            if (archParameter is not null)
                arch = parameters[SweepKeys.Arch] = Draw(archParameter, random);
            foreach (var parameter in sweep.Parameters.Where(p => p.Key != SweepKeys.Arch && p.AppliesTo(arch)))
                parameters[parameter.Key] = Draw(parameter, random);
            yield return parameters;
        }
    }

    internal static string Draw(ParameterSpec p, Random random) => p.Kind switch
    {
        ParameterKind.Constant => p.Values[0],
        ParameterKind.Values => p.Values[random.Next(p.Values.Count)],
        ParameterKind.Uniform => Format(p.Min + random.NextDouble() * (p.Max - p.Min)),
        ParameterKind.LogUniform => Format(Math.Exp(Math.Log(p.Min) + random.NextDouble() * (Math.Log(p.Max) - Math.Log(p.Min)))),
        ParameterKind.IntUniform => random.NextInt64((long)p.Min, (long)p.Max + 1).ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(p), p.Kind, "unknown parameter kind"),
    };

    /// <summary>Six significant digits: readable in reports, and the value trained with is exactly the one shown.</summary>
    internal static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
