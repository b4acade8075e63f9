using MinRnnLab.Abstractions;
using MinRnnLab.Client.Runs;
using MinRnnLab.Config;

namespace MinRnnLab.Client;

/// <summary>
/// One run of any sweep, as the Runs page and `GET /api/v1/runs` list it: the trial (config, state, best), its sweep's
/// headline (name, tags, target), and its final validation loss from the metrics store.
/// </summary>
/// <param name="FinalValLoss">The run's newest stored val_loss point; null before its first evaluation.</param>
public sealed record RunRow(SweepStatus Sweep, TrialInfo Trial, MetricPoint? FinalValLoss)
{
    public string RunId => Trial.RunId;

    /// <summary>What pages call the run: its given name, else "sweep name / trial".</summary>
    public string DisplayName => Trial.Labels.Name ?? $"{Sweep.DisplayName} / {Trial.Index}";

    /// <summary>The run's own tags, then its sweep's: a filter on a tag finds the runs of a sweep tagged so.</summary>
    public IEnumerable<string> Tags => Trial.Labels.Tags.Concat(Sweep.Labels.Tags).Distinct();
}

public sealed partial class LabClient
{
    /// <summary>
    /// Every run of every sweep, newest sweep first, trials in order. One call per sweep for its trials (the sweep
    /// grains hold them) and one for all the final losses (the metrics store's last points): no run grain is activated,
    /// so ten thousand runs list in one read of each store.
    /// </summary>
    public async Task<RunRow[]> ListRunsAsync()
    {
        var sweeps = await ListSweepsAsync();
        var trials = await Task.WhenAll(sweeps.Select(s => Sweep(s.SweepId).GetTrials()));
        var rows = sweeps.Zip(trials).SelectMany(p => (p.Second ?? []).Select(t => (Sweep: p.First, Trial: t))).ToArray();
        var finals = rows.Length == 0
            ? []
            : await Cluster.GetGrain<IMetricsReaderGrain>(0).GetLastPoints(rows.Select(r => r.Trial.RunId).ToArray(), MetricNames.ValLoss);
        return rows.Select(r => new RunRow(r.Sweep, r.Trial, finals.GetValueOrDefault(r.Trial.RunId))).ToArray();
    }

    /// <summary>
    /// The runs that <paramref name="filter"/> keeps (<see cref="RunFilter"/>'s language; blank: all), ordered by the
    /// column <paramref name="sort"/> (<see cref="RunColumns"/>' keys; missing values last). ArgumentException says
    /// what is wrong with a filter or an unknown sort key.
    /// </summary>
    public async Task<IReadOnlyList<RunRow>> QueryRunsAsync(string? filter, string sort = "best", bool descending = false)
    {
        var rows = await ListRunsAsync();
        var columns = RunColumns.Of(rows);
        var (parsed, error) = RunFilter.Parse(filter, columns);
        if (parsed is null)
            throw new ArgumentException($"filter: {error}", nameof(filter));
        var column = columns.FirstOrDefault(c => c.Key.Equals(sort, StringComparison.OrdinalIgnoreCase))
                     ?? throw new ArgumentException($"sort: no column '{sort}'; the keys are {string.Join(", ", columns.Select(c => c.Key))}", nameof(sort));
        return RunSorting.Sort(rows.Where(parsed.Matches), column, descending);
    }
}
