using System.Globalization;
using MinRnnLab.Config;

namespace MinRnnLab.Client.Runs;

/// <summary>
/// One column of the Runs table, and one key of its filter and its sort: the same name in all three, so what a reader
/// sees as a heading is what they type (`best < 1.9`, `sort=best`). <see cref="Number"/> is null for text columns and
/// for rows without a value; text is what the cell shows.
/// </summary>
public sealed record RunColumn(string Key, string Title, Func<RunRow, string?> Text, Func<RunRow, double?> Number)
{
    public bool IsNumeric { get; init; }
}

/// <summary>
/// The Runs table's columns: the run's summary (fixed), then one per swept config key found in the rows. A config key
/// shadows no summary column: `seed` and `state` mean the summary's.
/// </summary>
public static class RunColumns
{
    /// <summary>The summary columns, in the order the table shows them by default.</summary>
    public static IReadOnlyList<RunColumn> Summary { get; } =
    [
        TextColumn("run", "Run", r => r.DisplayName),
        TextColumn("sweep", "Sweep", r => r.Sweep.DisplayName),
        TextColumn("arch", "Arch", r => r.Trial.Arch),
        TextColumn("state", "State", r => r.Trial.State.ToConfigName()),
        // Each run's best is of its own sweep's metric, named beside it: runs of a train_loss sweep list train loss.
        TextColumn("metric", "Metric", r => r.Sweep.Metric),
        NumberColumn("best", "Best", r => r.Trial.BestMetric, "F4"),
        NumberColumn("final", "Final val loss", r => r.FinalValLoss?.Value, "F4"),
        NumberColumn("best_step", "Step of best", r => r.Trial.BestStep, "0"),
        NumberColumn("steps_to_target", "Steps to target", r => r.Trial.StepsToTarget, "0"),
        NumberColumn("seconds", "Training s", r => r.Trial.TrainingSeconds > 0 ? r.Trial.TrainingSeconds : null, "F1"),
        NumberColumn("seed", "Seed", r => r.Trial.SeedIndex, "0"),
        TextColumn("tags", "Tags", r => string.Join(", ", r.Tags)),
    ];

    /// <summary>The summary columns shown when the reader has chosen none (the rest are one click away).</summary>
    public static IReadOnlyList<string> DefaultKeys { get; } = ["run", "sweep", "arch", "state", "metric", "best", "final", "best_step", "steps_to_target", "seconds", "tags"];

    /// <summary>Every column of these rows: the summary's, then each swept key in name order.</summary>
    public static IReadOnlyList<RunColumn> Of(IEnumerable<RunRow> rows)
    {
        var summaryKeys = Summary.Select(c => c.Key).ToHashSet();
        var configKeys = rows.SelectMany(r => r.Trial.Parameters.Keys).Where(k => !summaryKeys.Contains(k))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var numericKeys = configKeys.Where(k => rows.All(r => !r.Trial.Parameters.TryGetValue(k, out var v) || ParseNumber(v) is not null)).ToHashSet();
        return [.. Summary, .. configKeys.Select(key => ConfigColumn(key, numericKeys.Contains(key)))];
    }

    /// <summary>A number as the sweep file and the filter write it (invariant culture, "3e-3" included); null otherwise.</summary>
    public static double? ParseNumber(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private static RunColumn ConfigColumn(string key, bool numeric) =>
        new(key, key, r => r.Trial.Parameters.GetValueOrDefault(key),
            r => numeric && r.Trial.Parameters.TryGetValue(key, out var v) ? ParseNumber(v) : null) { IsNumeric = numeric };

    private static RunColumn TextColumn(string key, string title, Func<RunRow, string?> text) => new(key, title, text, _ => null);

    private static RunColumn NumberColumn(string key, string title, Func<RunRow, double?> number, string format) =>
        new(key, title, r => number(r)?.ToString(format, CultureInfo.InvariantCulture), number) { IsNumeric = true };
}
