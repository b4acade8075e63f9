using System.Globalization;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;

namespace MinRnnLab.Web.Services.Curves;

/// <summary>
/// Names and colours a sweep's configurations by what tells them apart, as W&amp;B's grouping does: the keys (other
/// than arch and seed) whose values differ between trials. A configuration keeps its architecture's hue, shaded from
/// darker to lighter by its rank among that architecture's configurations, so n_embd 32 and 48 of one architecture
/// are two shades of one colour, and a legend entry reads "mingru · n_embd 48 · seed 1".
/// </summary>
public static class ConfigurationPalette
{
    /// <summary>The keys besides arch and seed whose values differ between <paramref name="trials"/>, in name order.</summary>
    public static IReadOnlyList<string> DifferingKeys(IReadOnlyCollection<TrialInfo> trials) => trials
        .SelectMany(t => t.Parameters.Keys).Distinct().Where(k => k is not ("arch" or "seed"))
        .Where(k => trials.Select(t => t.Parameters.GetValueOrDefault(k)).Distinct().Count() > 1)
        .Order(StringComparer.Ordinal).ToList();

    /// <summary>"mingru · n_embd 48": the architecture and the trial's values of <paramref name="keys"/>, without the seed.</summary>
    public static string Name(TrialInfo trial, IReadOnlyList<string> keys) =>
        string.Join(" · ", keys.Where(trial.Parameters.ContainsKey).Select(k => $"{k} {trial.Parameters[k]}").Prepend(trial.Arch));

    /// <summary>
    /// Facts for a sweep's runs: seed index, legend name (group and seed) and the group's colour, grouped by
    /// architecture and <paramref name="groupBy"/> (default: every differing key, i.e. by configuration).
    /// </summary>
    public static IEnumerable<(string RunId, RunFacts Facts)> Facts(IReadOnlyCollection<TrialInfo> trials, IReadOnlyList<string>? groupBy = null)
    {
        var keys = groupBy ?? DifferingKeys(trials);
        var colors = Colors(trials, keys);
        return trials.Select(t => (t.RunId, new RunFacts($"#{t.SeedIndex}")
        {
            Legend = $"{Name(t, keys)} · seed {t.SeedIndex}",
            Color = colors[Name(t, keys)],
        }));
    }

    /// <summary>Trials grouped by architecture and <paramref name="keys"/>: one band each, named by <see cref="Name"/>, in name order.</summary>
    public static IReadOnlyList<SeedGroup> Groups(IReadOnlyCollection<TrialInfo> trials, IReadOnlyList<string> keys) => trials
        .GroupBy(t => (t.Arch, Name: Name(t, keys)))
        .Select(g => new SeedGroup(g.Key.Arch, g.Key.Name, g.Select(t => t.RunId).ToArray()))
        .OrderBy(g => g.Arch, StringComparer.Ordinal).ThenBy(g => g.Label, StringComparer.Ordinal).ToList();

    /// <summary>The colour of each group, by its <see cref="Name"/>.</summary>
    public static IReadOnlyDictionary<string, string> Colors(IReadOnlyCollection<TrialInfo> trials, IReadOnlyList<string> keys)
    {
        var colors = new Dictionary<string, string>();
        foreach (var arch in trials.GroupBy(t => t.Arch))
        {
            var names = arch.Select(t => Name(t, keys)).Distinct().Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < names.Count; i++)
                colors[names[i]] = Shade(ArchColors.For(arch.Key), i, names.Count);
        }
        return colors;
    }

    /// <summary>"#rrggbb" as rgba with <paramref name="opacity"/> in [0, 1]: for a band's area under its line.</summary>
    public static string Rgba(string hex, double opacity) => string.Create(CultureInfo.InvariantCulture,
        $"rgba({Convert.ToInt32(hex[1..3], 16)},{Convert.ToInt32(hex[3..5], 16)},{Convert.ToInt32(hex[5..7], 16)},{opacity})");

    /// <summary>
    /// Shade <paramref name="index"/> of <paramref name="count"/> of a "#rrggbb" colour: the colour itself when alone,
    /// else from 35% towards black to 45% towards white, evenly, so neighbours stay told apart on white and dark grey.
    /// </summary>
    public static string Shade(string hex, int index, int count)
    {
        if (count <= 1)
            return hex;
        var t = -0.35 + 0.8 * index / (count - 1);
        int Channel(int at)
        {
            var c = Convert.ToInt32(hex.Substring(at, 2), 16);
            return (int)Math.Round(t < 0 ? c * (1 + t) : c + (255 - c) * t);
        }
        return string.Create(CultureInfo.InvariantCulture, $"#{Channel(1):x2}{Channel(3):x2}{Channel(5):x2}");
    }
}
