namespace MinRnnLab.Sweeps;

/// <summary>
/// Grid search: for each architecture, the cartesian product of the parameters that apply to it
/// (`when` respected), the last parameter in the file varying fastest; or the file's `configurations:` list.
/// </summary>
internal static class GridSearch
{
    public static IEnumerable<IReadOnlyDictionary<string, string>> Configurations(SweepDefinition sweep)
    {
        if (sweep.Configurations is { } listed)
            return listed;                                                              // `configurations:`, as written
        return Product(sweep);
    }

    private static IEnumerable<IReadOnlyDictionary<string, string>> Product(SweepDefinition sweep)
    {
        if (sweep.Parameters.FirstOrDefault(p => !p.IsDiscrete) is { } sampled)
            throw new ArgumentException($"grid search cannot enumerate '{sampled.Key}' ({sampled.Kind}); it needs values or value", nameof(sweep));
        var archIsSearched = sweep.Parameters.Any(p => p.Key == SweepKeys.Arch);
        foreach (var arch in TrialExpander.Architectures(sweep))
        {
            var axes = Axes(sweep, arch);
            var digits = new int[axes.Count];   // an odometer over the axes' value indices
            while (true)
            {
                var parameters = new Dictionary<string, string>();
                if (archIsSearched)
                    parameters[SweepKeys.Arch] = arch;
                for (var i = 0; i < axes.Count; i++)
                    parameters[axes[i].Key] = axes[i].Values[digits[i]];
                yield return parameters;
                if (!Advance(digits, axes))
                    break;
            }
        }
    }

    /// <summary>Configurations the grid holds, before seeds and run_cap (saturates at long.MaxValue).</summary>
    public static long Count(SweepDefinition sweep) => sweep.Configurations?.Count ?? TrialExpander.Architectures(sweep)
        .Select(arch => Axes(sweep, arch).Aggregate(1L, (n, p) => TrialExpander.SaturatingMultiply(n, p.Values.Count)))
        .Aggregate(0L, (sum, n) => sum > long.MaxValue - n ? long.MaxValue : sum + n);

    private static List<ParameterSpec> Axes(SweepDefinition sweep, string arch) =>
        sweep.Parameters.Where(p => p.Key != SweepKeys.Arch && p.AppliesTo(arch)).ToList();

    private static bool Advance(int[] digits, List<ParameterSpec> axes)
    {
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            if (++digits[i] < axes[i].Values.Count)
                return true;
            digits[i] = 0;
        }
        return false;
    }
}
