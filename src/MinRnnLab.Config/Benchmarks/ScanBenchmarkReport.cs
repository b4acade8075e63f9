using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MinRnnLab.Config.Benchmarks;

/// <summary>Result of <see cref="ScanBenchmark.Run"/>, writable as JSON (everything), CSV (rows) and Markdown.</summary>
public sealed record ScanBenchmarkReport(ScanBenchmarkOptions Options, IReadOnlyList<ScanBenchmarkRow> Rows, IReadOnlyList<ScanShareRow> ScanShares)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Reading: a file missing its options or rows is an error rather than a report with nulls inside.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Where and when it ran; null in files saved before this was recorded.</summary>
    public BenchmarkMachine? Machine { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads what <see cref="ToJson"/> wrote; anything else is a <see cref="JsonException"/> saying why.</summary>
    public static ScanBenchmarkReport FromJson(string json)
    {
        var report = JsonSerializer.Deserialize<ScanBenchmarkReport>(json, Json) ?? throw new JsonException("the file holds null");
        return report.Rows.Any(r => r is null) || report.ScanShares.Any(s => s is null)
            ? throw new JsonException("a row is null")
            : report;
    }

    public string ToCsv()
    {
        var csv = new StringBuilder("model,seq_len,ms,peak_bytes,runs,skipped,speedup_vs_loop,speedup_vs_fused,memory_ratio_vs_loop,note\n");
        foreach (var r in Rows)
            csv.AppendLine(string.Join(',', r.Model, r.SeqLen, F(r.Ms), r.PeakBytes?.ToString(CultureInfo.InvariantCulture) ?? "",
                r.Runs, r.Skipped ? "true" : "false", F(r.SpeedupVsLoop), F(r.SpeedupVsFused), F(r.MemoryRatioVsLoop),
                r.Note is null ? "" : $"\"{r.Note.Replace("\"", "\"\"")}\""));
        return csv.ToString();
    }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Forward + loss + backward, batch {Options.Batch}, hidden {Options.Hidden}, {Options.Device}, mean of {Options.Reps} runs.");
        md.AppendLine();
        md.AppendLine("| model | T | ms | peak MiB | × vs loop | × vs fused | memory vs loop | note |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in Rows)
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Model} | {r.SeqLen} | {(r.Skipped ? "skipped" : F(r.Ms))} | {F(r.PeakBytes / 1048576.0)} | {F(r.SpeedupVsLoop)} | {F(r.SpeedupVsFused)} | {F(r.MemoryRatioVsLoop)} | {r.Note} |");
        md.AppendLine();
        // The cell runs the sequential scan on a CPU (see ScanShareRow): these columns price the parallel forms.
        md.AppendLine("| T | minGRU step ms | parallel scan ms | parallel scan ÷ step | chunked parallel scan ms |");
        md.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var s in ScanShares)
            md.AppendLine(CultureInfo.InvariantCulture, $"| {s.SeqLen} | {F(s.StepMs)} | {F(s.ScanMs)} | {s.Share:P0} | {F(s.ChunkedScanMs)} |");
        return md.ToString();
    }

    /// <summary>Writes name.{json,csv,md} into <paramref name="directory"/>; returns the three paths.</summary>
    public IReadOnlyList<string> WriteAll(string directory, string name = "scan-benchmark")
    {
        Directory.CreateDirectory(directory);
        var paths = new[] { "json", "csv", "md" }.Select(ext => Path.Combine(directory, $"{name}.{ext}")).ToArray();
        File.WriteAllText(paths[0], ToJson());
        File.WriteAllText(paths[1], ToCsv());
        File.WriteAllText(paths[2], ToMarkdown());
        return paths;
    }

    private static string F(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";
}
