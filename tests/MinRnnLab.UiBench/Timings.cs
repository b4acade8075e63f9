using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MinRnnLab.UiBench;

/// <summary>One measured case: its repeats in milliseconds, with the machine's load average when each was taken.</summary>
public sealed record Timing(string Group, string Case, string Milestone, IReadOnlyList<double> Ms, IReadOnlyList<double> Load)
{
    public double Median => Percentile(0.5);
    public double Min => Ms.Min();
    public double Max => Ms.Max();

    private double Percentile(double p)
    {
        var sorted = Ms.Order().ToArray();
        var at = p * (sorted.Length - 1);
        var (lo, hi) = ((int)Math.Floor(at), (int)Math.Ceiling(at));
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
    }
}

/// <summary>Every timing of a sitting, written as bench-ui.{json,csv,md} (like `minrnn bench scan`'s files).</summary>
public sealed class TimingReport(string machine, string notes)
{
    private readonly List<Timing> timings = [];

    public IReadOnlyList<Timing> Timings => timings;

    public void Add(Timing timing)
    {
        timings.Add(timing);
        Console.WriteLine(Line(timing));
    }

    public static string Line(Timing t) => string.Create(CultureInfo.InvariantCulture,
        $"{t.Group} | {t.Case} | {t.Milestone}: median {t.Median:F0} ms (min {t.Min:F0}, max {t.Max:F0}, n {t.Ms.Count}), load {t.Load.Min():F1}-{t.Load.Max():F1}");

    public IEnumerable<string> WriteAll(string folder, string prefix = "bench-ui")
    {
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, prefix + ".json");
        File.WriteAllText(json, JsonSerializer.Serialize(new
        {
            machine, notes, taken = DateTimeOffset.UtcNow,
            timings = timings.Select(t => new { t.Group, t.Case, t.Milestone, t.Median, t.Min, t.Max, t.Ms, t.Load }),
        }, new JsonSerializerOptions { WriteIndented = true }));
        var csv = Path.Combine(folder, prefix + ".csv");
        File.WriteAllLines(csv, ["group,case,milestone,median_ms,min_ms,max_ms,n,samples_ms,load_min,load_max",
            .. timings.Select(t => string.Create(CultureInfo.InvariantCulture,
                $"{t.Group},\"{t.Case}\",{t.Milestone},{t.Median:F0},{t.Min:F0},{t.Max:F0},{t.Ms.Count},{string.Join(' ', t.Ms.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))},{t.Load.Min():F2},{t.Load.Max():F2}"))]);
        var md = Path.Combine(folder, prefix + ".md");
        File.WriteAllText(md, Markdown());
        return [json, csv, md];
    }

    public string Markdown()
    {
        var text = new StringBuilder($"{machine}\n\n{notes}\n\n");
        foreach (var group in timings.GroupBy(t => t.Group))
        {
            text.Append($"### {group.Key}\n\n| case | milestone | median ms | min–max ms | n | load (1 min) |\n|---|---|---:|---:|---:|---:|\n");
            foreach (var t in group)
                text.Append(string.Create(CultureInfo.InvariantCulture,
                    $"| {t.Case} | {t.Milestone} | {t.Median:F0} | {t.Min:F0}–{t.Max:F0} | {t.Ms.Count} | {t.Load.Min():F1}–{t.Load.Max():F1} |\n"));
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The 1-minute load average (/proc/loadavg): other builds on this machine slow every figure.</summary>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;
}
