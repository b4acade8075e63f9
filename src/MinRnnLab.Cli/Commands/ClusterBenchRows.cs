using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MinRnnLab.Cli.Benchmarks.Cluster;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>The rows of DIR/cluster.json, one per `bench cluster` run, and the short table printed after each.</summary>
public static class ClusterBenchRows
{
    public const string Name = "cluster";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The rows already in DIR/cluster.json, then <paramref name="row"/>.</summary>
    public static IReadOnlyList<ClusterBenchResult> Append(string folder, ClusterBenchResult row)
    {
        var path = Path.Combine(folder, $"{Name}.json");
        List<ClusterBenchResult> rows;
        try
        {
            rows = File.Exists(path) ? JsonSerializer.Deserialize<List<ClusterBenchResult>>(File.ReadAllText(path), Json) ?? [] : [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a list of `bench cluster` rows ({e.Message}): move it away or give another --out", e);
        }
        rows.Add(row);
        return rows;
    }

    public static Table Table(IEnumerable<ClusterBenchResult> rows)
    {
        var table = new Table().AddColumns("K×D", "N", "churn", "trials/s", "slot use", "queued→running p50/p99 ms", "evals/s",
            "stream lag p50/p99 ms", "PG rows, KB / trial", "silo CPU ms / trial", "PG CPU ms / trial", "other CPU ms / trial", "load",
            "lost / dup trials", "lost / dup evals", "orphans, resume p50/max s");
        foreach (var r in rows)
            table.AddRow(Cells(r));
        return table;
    }

    private static string[] Cells(ClusterBenchResult r) =>
    [
        $"{r.Silos}×{r.SlotsPerSilo}", F(r.Trials), r.ChurnEverySeconds == 0 ? "none" : $"{r.Kills} kills, every {r.ChurnEverySeconds} s",
        F(r.TrialsPerSecond, "F1"), F(r.SlotUse, "P0"), $"{F(r.QueuedToRunningP50Ms, "F0")} / {F(r.QueuedToRunningP99Ms, "F0")}",
        F(r.EvaluationsPerSecond, "F0"), $"{F(r.StreamLagP50Ms, "F0")} / {F(r.StreamLagP99Ms, "F0")}",
        $"{F(r.PgRowsPerTrial, "F1")}, {F(r.PgBytesPerTrial / 1024, "F1")}", F(r.SiloCpuMsPerTrial, "F1"), F(r.PostgresCpuMsPerTrial, "F1"),
        F(r.OtherCpuMsPerTrial, "F1"), $"{F(r.LoadStart, "F1")}–{F(r.LoadMax, "F1")}", $"{r.TrialsLost} / {r.TrialsDuplicated}",
        $"{r.EvaluationsLost} / {r.EvaluationsDuplicated}", $"{r.OrphanedRuns}, {F(r.ResumeP50Seconds, "F1")}/{F(r.ResumeMaxSeconds, "F1")}",
    ];

    private static string F(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
}
