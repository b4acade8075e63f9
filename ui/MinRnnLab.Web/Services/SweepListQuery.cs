using MinRnnLab.Abstractions;

namespace MinRnnLab.Web.Services;

/// <summary>How the sweeps list can be ordered.</summary>
public enum SweepOrder
{
    Newest,
    Oldest,
    Name,
    /// <summary>The lowest best metric of any architecture first; sweeps without one last.</summary>
    BestLoss,
    /// <summary>The least finished first: what still needs watching.</summary>
    Progress,
}

/// <summary>
/// The sweeps list's search, tag filter and order, as one value the page holds. Every word of <see cref="Search"/> must
/// appear (ignoring case) in the sweep's id, name, tags or notes; <see cref="Tag"/>, when set, must be one of its tags.
/// </summary>
public sealed record SweepListQuery(string Search = "", string? Tag = null, SweepOrder Order = SweepOrder.Newest)
{
    public IReadOnlyList<SweepStatus> Apply(IEnumerable<SweepStatus> sweeps)
    {
        var words = Search.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var kept = sweeps.Where(s => (Tag is null || s.Labels.HasTag(Tag)) && words.All(w => Matches(s, w)));
        return (Order switch
        {
            SweepOrder.Oldest => kept.OrderBy(s => s.CreatedAt),
            SweepOrder.Name => kept.OrderBy(s => s.DisplayName, StringComparer.OrdinalIgnoreCase).ThenByDescending(s => s.CreatedAt),
            SweepOrder.BestLoss => kept.OrderBy(s => s.BestByArch.Count == 0 ? double.PositiveInfinity : s.BestByArch.Values.Min()),
            SweepOrder.Progress => kept.OrderBy(s => s.Progress).ThenByDescending(s => s.CreatedAt),
            _ => kept.OrderByDescending(s => s.CreatedAt),
        }).ToList();
    }

    /// <summary>Every tag of these sweeps with how many carry it, most used first: the filter's choices.</summary>
    public static IReadOnlyList<(string Tag, int Sweeps)> TagsOf(IEnumerable<SweepStatus> sweeps) =>
        sweeps.SelectMany(s => s.Labels.Tags).GroupBy(t => t, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.First(), g.Count())).OrderByDescending(t => t.Item2).ThenBy(t => t.Item1, StringComparer.OrdinalIgnoreCase).ToList();

    private static bool Matches(SweepStatus sweep, string word) =>
        sweep.SweepId.Contains(word, StringComparison.OrdinalIgnoreCase)
        || sweep.DisplayName.Contains(word, StringComparison.OrdinalIgnoreCase)
        || sweep.Labels.Tags.Any(t => t.Contains(word, StringComparison.OrdinalIgnoreCase))
        || sweep.Labels.Notes.Contains(word, StringComparison.OrdinalIgnoreCase);
}
