using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Sweeps.Importance;

namespace MinRnnLab.Client;

/// <summary>
/// A sweep's data as downloadable files: results as CSV and JSON, every stored metric point as CSV in long format, the
/// Markdown report and the curves figure as SVG. The web app's download endpoints and .NET callers both write through
/// this class, so a file from the browser and one from code are the same file. Written to a stream as read: curves
/// go out one run at a time, never the whole sweep in memory.
/// </summary>
public sealed class SweepExport(LabClient client)
{
    public const string ResultsCsv = "results.csv";
    public const string ResultsJson = "results.json";
    public const string CurvesCsv = "curves.csv";
    public const string ReportMarkdown = "report.md";
    public const string CurvesSvg = "curves.svg";

    /// <summary>Every file a sweep exports, with its media type.</summary>
    public static IReadOnlyDictionary<string, string> Files { get; } = new Dictionary<string, string>
    {
        [ResultsCsv] = "text/csv; charset=utf-8",
        [ResultsJson] = "application/json; charset=utf-8",
        [CurvesCsv] = "text/csv; charset=utf-8",
        [ReportMarkdown] = "text/markdown; charset=utf-8",
        [CurvesSvg] = "image/svg+xml; charset=utf-8",
    };

    /// <summary>The columns of <see cref="CurvesCsv"/>: one row per stored point of every metric but the training time, which is a column.</summary>
    public static readonly string[] CurveColumns = ["run_id", "arch", "seed_index", "step", "metric", "value", "training_seconds"];

    private static readonly string[] FixedResultColumns =
        ["run_id", "trial", "arch", "seed_index", "state", "metric", "best_metric", "best_step", "final_val_loss", "steps_to_target", "training_seconds",
         "name", "tags", "notes"];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,                                                     // parameter keys stay as the sweep file spells them
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>
    /// Writes one of <see cref="Files"/> to <paramref name="output"/> (left open). Throws KeyNotFoundException ("no sweep 'X'")
    /// before writing anything when there is no such sweep, and ArgumentException for a file name not in <see cref="Files"/>.
    /// </summary>
    public async Task WriteAsync(string sweepId, string file, Stream output, CancellationToken cancel = default)
    {
        if (!Files.ContainsKey(file))
            throw new ArgumentException($"a sweep exports {string.Join(", ", Files.Keys)}; there is no '{file}'", nameof(file));
        var status = await client.GetSweepAsync(sweepId);
        var trials = (await client.Sweep(sweepId).GetTrials() ?? []).OrderBy(t => t.Index).ToList();
        if (file == ResultsJson)
        {
            await WriteResultsJsonAsync(status, trials, output, cancel);
            return;
        }
        await using var text = new StreamWriter(output, new UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true);
        switch (file)
        {
            case ResultsCsv:
                await WriteResultsCsvAsync(status, trials, text, cancel);
                break;
            case CurvesCsv:
                await WriteCurvesCsvAsync(trials, text, cancel);
                break;
            case ReportMarkdown:
                await text.WriteAsync(Markdown(await SweepReport.BuildAsync(client, sweepId), [(sweepId, (await client.GetImportanceAsync(sweepId))!)]));
                break;
            case CurvesSvg:
                await text.WriteAsync((await SweepReport.BuildAsync(client, sweepId)).CurvesSvg());
                break;
        }
    }

    /// <summary>
    /// The Markdown report of an already built <paramref name="report"/> (what `minrnn sweep report` writes as report.md),
    /// ending with the hyperparameter importance of each of its sweeps given in <paramref name="importance"/>.
    /// </summary>
    public static string Markdown(SweepReport report, IReadOnlyList<(string SweepId, ImportanceReport Report)>? importance = null)
    {
        var finals = report.Curves.ToDictionary(c => c.RunId, c => c.Points.Count == 0 ? (double?)null : c.Points.MaxBy(p => p.Step).Loss);
        return SweepMarkdown.Render(report, report.TrialInfos.Select(t => new SeedOutcome(t, finals.GetValueOrDefault(t.RunId))).ToList())
               + (importance is null ? "" : Environment.NewLine + ImportanceMarkdown.Render(importance));
    }

    /// <summary>Each trial's last stored validation loss, read from the metrics store; null where it has none.</summary>
    public async Task<IReadOnlyList<SeedOutcome>> OutcomesAsync(IReadOnlyList<TrialInfo> trials)
    {
        var finals = await Task.WhenAll(trials.Select(async t =>
            (await client.Run(t.RunId).GetMetrics(MetricNames.ValLoss) ?? []).MaxBy(p => p.Step)?.Value));
        return trials.Select((t, i) => new SeedOutcome(t, finals[i])).ToList();
    }

    private async Task WriteResultsCsvAsync(SweepStatus status, IReadOnlyList<TrialInfo> trials, TextWriter text, CancellationToken cancel)
    {
        var keys = ParameterKeys(trials);
        await text.WriteLineAsync(string.Join(',', FixedResultColumns.Concat(keys).Select(Csv)));
        foreach (var outcome in await OutcomesAsync(trials))
        {
            cancel.ThrowIfCancellationRequested();
            var t = outcome.Trial;
            string[] cells = [t.RunId, Number(t.Index), t.Arch, Number(t.SeedIndex), t.State.ToConfigName(), status.Metric, Number(t.BestMetric), Number(t.BestStep),
                Number(outcome.FinalValLoss), Number(t.StepsToTarget), Number(t.TrainingSeconds), t.Labels.Name ?? "", string.Join(' ', t.Labels.Tags),
                t.Labels.Notes, .. keys.Select(k => t.Parameters.GetValueOrDefault(k) ?? "")];
            await text.WriteLineAsync(string.Join(',', cells.Select(Csv)));
        }
    }

    private async Task WriteResultsJsonAsync(SweepStatus status, IReadOnlyList<TrialInfo> trials, Stream output, CancellationToken cancel)
    {
        var outcomes = await OutcomesAsync(trials);
        var results = new ExportedResults(
            new ExportedSweep(status.SweepId, status.Name, status.State.ToConfigName(), status.Method, status.Metric, status.TargetLoss, status.PlannedTrials, status.CreatedAt,
                status.Labels.Name, status.Labels.Tags, status.Labels.Notes),
            outcomes.Select(o => new ExportedTrial(o.Trial.RunId, o.Trial.Index, o.Trial.Arch, o.Trial.SeedIndex, o.Trial.State.ToConfigName(), o.Trial.Parameters,
                o.Trial.BestMetric, o.Trial.BestStep, o.FinalValLoss, o.Trial.StepsToTarget, o.Trial.TrainingSeconds,
                o.Trial.Labels.Name, o.Trial.Labels.Tags, o.Trial.Labels.Notes)).ToList(),
            SeedStatistics.ByArchitecture(outcomes, metric: status.Objective), SeedStatistics.ByConfiguration(outcomes));
        await JsonSerializer.SerializeAsync(output, results, Json, cancel);
    }

    private async Task WriteCurvesCsvAsync(IReadOnlyList<TrialInfo> trials, TextWriter text, CancellationToken cancel)
    {
        await text.WriteLineAsync(string.Join(',', CurveColumns));
        foreach (var trial in trials)
        {
            cancel.ThrowIfCancellationRequested();
            var points = await client.Run(trial.RunId).GetMetrics() ?? [];
            var seconds = points.Where(p => p.Name == MetricNames.WallSeconds).GroupBy(p => p.Step).ToDictionary(g => g.Key, g => g.Last().Value);
            foreach (var point in points.Where(p => IsCurve(p.Name)).OrderBy(p => p.Step).ThenBy(p => p.Name, StringComparer.Ordinal))
            {
                var at = seconds.TryGetValue(point.Step, out var s) ? Number(s) : "";
                await text.WriteLineAsync($"{Csv(trial.RunId)},{Csv(trial.Arch)},{Number(trial.SeedIndex)},{Number(point.Step)},{Csv(point.Name)},{Number(point.Value)},{at}");
            }
            await text.FlushAsync(cancel);                                              // one run at a time reaches the reader
        }
    }

    // The wall time is the rows' time column and the parameter count a constant per run: neither is a curve of its own.
    private static bool IsCurve(string metric) => metric is not (MetricNames.WallSeconds or MetricNames.Parameters);

    /// <summary>Parameter keys other than arch (a column of its own), in the order the trials first list them.</summary>
    private static List<string> ParameterKeys(IEnumerable<TrialInfo> trials) =>
        trials.SelectMany(t => t.Parameters.Keys).Where(k => k != "arch").Distinct().ToList();


    // Round-trip formatting: a value read back from the file equals the stored one.
    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled.</summary>
    private static string Csv(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : $"\"{cell.Replace("\"", "\"\"")}\"";
}

/// <summary>The shape of results.json.</summary>
public sealed record ExportedResults(
    ExportedSweep Sweep, IReadOnlyList<ExportedTrial> Trials, IReadOnlyList<SeedStatisticsRow> Architectures, IReadOnlyList<SeedStatisticsRow> Configurations);

public sealed record ExportedSweep(
    string SweepId, string Name, string State, string Method, string Metric, double? TargetLoss, int PlannedTrials, DateTimeOffset CreatedAt,
    string? DisplayName, IReadOnlyList<string> Tags, string Notes);

public sealed record ExportedTrial(
    string RunId, int Trial, string Arch, int SeedIndex, string State, IReadOnlyDictionary<string, string> Parameters, double? BestMetric,
    int? BestStep, double? FinalValLoss, int? StepsToTarget, double TrainingSeconds, string? Name, IReadOnlyList<string> Tags, string Notes);
