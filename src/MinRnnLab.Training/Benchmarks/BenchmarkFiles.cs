using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using MinRnnLab.Config;

namespace MinRnnLab.Training.Benchmarks;

/// <summary>Writes benchmark rows (flat records) as JSON, CSV and a Markdown table side by side.</summary>
public static class BenchmarkFiles
{
    /// <summary>Writes folder/name.{json,csv,md}; returns the three paths.</summary>
    public static IReadOnlyList<string> Write<T>(string folder, string name, IReadOnlyList<T> rows)
    {
        Directory.CreateDirectory(folder);
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is null).ToArray();  // details, not columns
        var header = properties.Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)).ToArray();
        var cells = rows.Select(r => properties.Select(p => Format(p.GetValue(r))).ToArray()).ToList();

        var json = Path.Combine(folder, $"{name}.json");
        File.WriteAllText(json, JsonSerializer.Serialize(rows, new JsonSerializerOptions
        {
            WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        }));

        var csv = Path.Combine(folder, $"{name}.csv");
        File.WriteAllLines(csv, cells.Select(c => string.Join(',', c)).Prepend(string.Join(',', header)));

        var md = Path.Combine(folder, $"{name}.md");
        File.WriteAllText(md, MarkdownTable.Write(header, cells));
        return [json, csv, md];
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString(Math.Abs(d) >= 100 ? "F1" : "G4", CultureInfo.InvariantCulture),
        float f => f.ToString("G4", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
