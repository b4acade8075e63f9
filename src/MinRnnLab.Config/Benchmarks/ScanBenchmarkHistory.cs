using System.Globalization;

namespace MinRnnLab.Config.Benchmarks;

/// <summary>
/// Every `bench scan` run kept side by side in one folder as bench-scan-yyyyMMdd-HHmmss.{json,csv,md} (UTC), so
/// past runs stay comparable. The time is in the name so a listing sorts without opening a file; saving and
/// listing live together so the two agree on the names.
/// </summary>
public static class ScanBenchmarkHistory
{
    public const string Prefix = "bench-scan";

    private const string Stamp = "yyyyMMdd-HHmmss";

    /// <summary>
    /// Writes the report under a name of its own; a second save within the same second becomes "-2", "-3", ...
    /// so nothing is overwritten. Returns the JSON, CSV and Markdown paths.
    /// </summary>
    public static IReadOnlyList<string> Save(ScanBenchmarkReport report, string folder, DateTimeOffset savedAt)
    {
        Directory.CreateDirectory(folder);
        var stem = $"{Prefix}-{savedAt.UtcDateTime.ToString(Stamp, CultureInfo.InvariantCulture)}";
        var name = stem;
        for (var n = 2; File.Exists(Path.Combine(folder, $"{name}.json")); n++)
            name = $"{stem}-{n}";
        return report.WriteAll(folder, name);
    }

    /// <summary>
    /// The JSON files in <paramref name="folder"/>, newest first, with when each was saved; none when the folder
    /// does not exist. A bench-scan*.json copied in by hand (no time in its name) counts from its last write.
    /// </summary>
    public static IReadOnlyList<(string Path, DateTimeOffset SavedAt)> List(string folder) =>
        !Directory.Exists(folder)
            ? []
            : Directory.EnumerateFiles(folder, $"{Prefix}*.json")
                .Select(path => (Path: path, Name: ParseName(path)))
                .OrderByDescending(f => f.Name.SavedAt)
                .ThenByDescending(f => f.Name.Sequence)
                .Select(f => (f.Path, f.Name.SavedAt))
                .ToList();

    /// <summary>
    /// The path of a saved result named by someone else (a caller over the network): only a plain bench-scan*.json
    /// file name directly in <paramref name="folder"/> is accepted, so no name reaches a file outside it.
    /// </summary>
    public static string PathOf(string folder, string fileName)
    {
        if (string.IsNullOrEmpty(fileName) || fileName != Path.GetFileName(fileName) || fileName.Contains('\\')
            || fileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0
            || !fileName.StartsWith(Prefix, StringComparison.Ordinal) || !fileName.EndsWith(".json", StringComparison.Ordinal))
            throw new ArgumentException($"'{fileName}' is not the name of a saved result: expected a {Prefix}*.json file name, without folders");
        var full = Path.GetFullPath(folder);
        var path = Path.GetFullPath(Path.Combine(full, fileName));
        return Path.GetDirectoryName(path) == full.TrimEnd(Path.DirectorySeparatorChar)
            ? path
            : throw new ArgumentException($"'{fileName}' points outside the benchmarks folder");
    }

    /// <summary>bench-scan-20261129-031500-2.json → (2026-11-29 03:15:00 UTC, 2).</summary>
    private static (DateTimeOffset SavedAt, int Sequence) ParseName(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var start = Prefix.Length + 1;
        if (name.Length < start + Stamp.Length
            || !DateTime.TryParseExact(name.AsSpan(start, Stamp.Length), Stamp, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return (new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero), 1);
        var rest = name[(start + Stamp.Length)..];
        var sequence = rest.StartsWith('-') && int.TryParse(rest[1..], CultureInfo.InvariantCulture, out var n) ? n : 1;
        return (new DateTimeOffset(time, TimeSpan.Zero), sequence);
    }
}
