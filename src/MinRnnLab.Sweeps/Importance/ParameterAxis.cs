using System.Globalization;

namespace MinRnnLab.Sweeps.Importance;

/// <summary>How a parameter's values are placed on its axis before the forest splits them.</summary>
public enum AxisScale
{
    /// <summary>Numbers as they are (uniform, int_uniform, a list of numbers).</summary>
    Linear,
    /// <summary>ln of the value (log_uniform): a decade of learning rate weighs as much at 1e-4 as at 1e-2, as it was sampled.</summary>
    Log,
    /// <summary>Unordered choices (arch, a list of words): a split sends any subset of them one way.</summary>
    Categorical,
}

/// <summary>
/// One searched parameter as the forest sees it: a numeric interval [Low, High] (on the log axis for Log), or the list
/// of Categories, whose position is the value's code. fANOVA averages over this whole domain, weighted uniformly, so
/// the domain is the sweep file's range and not only the values that happened to be drawn.
/// </summary>
public sealed record ParameterAxis(string Key, AxisScale Scale, double Low, double High, IReadOnlyList<string> Categories)
{
    public bool IsCategorical => Scale == AxisScale.Categorical;

    /// <summary>The value's coordinate on this axis; throws ArgumentException naming the key and value when it has none.</summary>
    public double Encode(string value)
    {
        if (IsCategorical)
        {
            var code = Categories.ToList().FindIndex(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase));
            return code >= 0 ? code : throw new ArgumentException($"'{Key}' is '{value}', which is none of {string.Join(", ", Categories)}");
        }
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            throw new ArgumentException($"'{Key}' is '{value}', not a number");
        if (Scale == AxisScale.Log && number <= 0)
            throw new ArgumentException($"'{Key}' is {value}, but a log-distributed value must be above 0");
        return Scale == AxisScale.Log ? Math.Log(number) : number;
    }

    /// <summary>
    /// The axes of a sweep's searched parameters that take more than one value: a constant or a one-value list
    /// explains no variance and is left out. A key declared more than once (under different `when`s) gets one axis
    /// spanning all its declarations.
    /// </summary>
    public static IReadOnlyList<ParameterAxis> ForSweep(SweepDefinition sweep) =>
        sweep.Parameters.GroupBy(p => p.Key).Select(Merge).OfType<ParameterAxis>().ToList();

    private static ParameterAxis? Merge(IGrouping<string, ParameterSpec> declarations)
    {
        var specs = declarations.ToList();
        var lists = specs.Where(s => s.IsDiscrete).SelectMany(s => s.Values).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var numbers = lists.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? x : (double?)null).ToList();
        if (numbers.Any(n => n is null))
            return lists.Count > 1 ? new ParameterAxis(declarations.Key, AxisScale.Categorical, 0, lists.Count, lists) : null;
        var log = specs.All(s => s.Kind == ParameterKind.LogUniform);
        var ends = specs.Where(s => !s.IsDiscrete).SelectMany(s => new[] { s.Min, s.Max }).Concat(numbers.Select(n => n!.Value)).ToList();
        var (low, high) = (ends.Min(), ends.Max());
        if (low >= high)
            return null;
        return log ? new ParameterAxis(declarations.Key, AxisScale.Log, Math.Log(low), Math.Log(high), [])
                   : new ParameterAxis(declarations.Key, AxisScale.Linear, low, high, []);
    }
}
