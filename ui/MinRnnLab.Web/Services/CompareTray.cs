namespace MinRnnLab.Web.Services;

/// <summary>
/// The runs a reader has picked to compare, from any sweeps, in the order picked. One per circuit (scoped); the
/// browser keeps a copy (localStorage, see CompareTrayButton) so the pick survives navigation and reloads.
/// </summary>
public sealed class CompareTray
{
    /// <summary>More than this many overlaid curves is no longer a comparison anyone can read.</summary>
    public const int MaxRuns = 16;

    private readonly List<string> runIds = [];

    public IReadOnlyList<string> RunIds => runIds;
    public bool IsFull => runIds.Count >= MaxRuns;

    /// <summary>Raised after every change, for the components that show the tray.</summary>
    public event Action? Changed;

    public bool Contains(string runId) => runIds.Contains(runId);

    /// <summary>Adds or removes the run; false when it would be added to a full tray (nothing changes then).</summary>
    public bool Set(string runId, bool picked)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        if (picked == Contains(runId))
            return true;
        if (picked && IsFull)
            return false;
        if (picked)
            runIds.Add(runId);
        else
            runIds.Remove(runId);
        Changed?.Invoke();
        return true;
    }

    public void Clear()
    {
        runIds.Clear();
        Changed?.Invoke();
    }

    /// <summary>Takes the browser's copy on a new circuit; runs picked in this circuit already stay first.</summary>
    public void Restore(IEnumerable<string> saved)
    {
        foreach (var runId in saved.Where(id => !string.IsNullOrWhiteSpace(id) && !Contains(id)).Take(MaxRuns - runIds.Count))
            runIds.Add(runId);
        Changed?.Invoke();
    }
}

/// <summary>The Compare page's address: /compare?runs=a,b,c with each run id escaped, so a link can be shared.</summary>
public static class CompareLinks
{
    public static string Href(IEnumerable<string> runIds) => "compare?runs=" + string.Join(",", runIds.Select(Uri.EscapeDataString));

    /// <summary>The run ids of a runs= value: unescaped, trimmed, without blanks or repeats, in order.</summary>
    public static IReadOnlyList<string> Parse(string? runs) =>
        string.IsNullOrWhiteSpace(runs)
            ? []
            : runs.Split(',').Select(id => Uri.UnescapeDataString(id).Trim()).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList();
}
