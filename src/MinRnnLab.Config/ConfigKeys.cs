using System.Reflection;
using System.Text.Json;

namespace MinRnnLab.Config;

/// <summary>
/// The config-key vocabulary: every public settable property of ModelConfig and TrainConfig, in snake_case.
/// One naming rule serves the CLI, config files, sweep files and the saved JSON.
/// </summary>
public static class ConfigKeys
{
    public static JsonNamingPolicy Naming => JsonNamingPolicy.SnakeCaseLower;

    /// <summary>Keys derived from the data rather than chosen by users.</summary>
    public static IReadOnlySet<string> Derived { get; } = new HashSet<string> { "vocab_size" };

    internal static IReadOnlyDictionary<string, PropertyInfo> ModelKeys { get; } = KeysOf(typeof(ModelConfig));
    internal static IReadOnlyDictionary<string, PropertyInfo> TrainKeys { get; } = KeysOf(typeof(TrainConfig));

    /// <summary>Sorted once: each unknown key in a file asks for the nearest known one, and a file may hold 20,000 of them.</summary>
    public static IReadOnlyList<string> All { get; } = [.. ModelKeys.Keys.Concat(TrainKeys.Keys).Where(k => !Derived.Contains(k)).Order()];

    public static bool IsKnown(string key) => !Derived.Contains(key) && (ModelKeys.ContainsKey(key) || TrainKeys.ContainsKey(key));

    /// <summary>The known key closest to a misspelt one, if any is close enough to be a likely typo.</summary>
    public static string? Suggest(string key) => Suggest(key, All);

    /// <summary>The candidate closest to a misspelt word, if any is close enough to be a likely typo (sweep files reuse this).</summary>
    public static string? Suggest(string word, IEnumerable<string> candidates)
    {
        var limit = Math.Max(2, word.Length / 3);
        // The distance is at least the difference in length: skipping those keeps a 250,000-character key cheap.
        return candidates.Where(k => Math.Abs(k.Length - word.Length) <= limit)
            .Select(k => (k, d: EditDistance(k, word))).Where(x => x.d <= limit).OrderBy(x => x.d).Select(x => x.k).FirstOrDefault();
    }

    /// <summary>How optional keys (`block`, `mlp`, `rnn_bias`) are left to the architecture's own choice.</summary>
    public const string Auto = "auto";

    /// <summary>The .NET type a known key binds to: int, long, double, bool, string, an enum, or a nullable one of these.</summary>
    public static Type TypeOf(string key) => IsKnown(key)
        ? (ModelKeys.TryGetValue(key, out var p) ? p : TrainKeys[key]).PropertyType
        : throw new ConfigException($"unknown config key '{key}'");

    /// <summary>Human description of what a key accepts, for error messages.</summary>
    public static string Expected(Type type) => type switch
    {
        _ when Nullable.GetUnderlyingType(type) is { } underlying => $"{Expected(underlying)} or {Auto}",
        _ when type == typeof(int) || type == typeof(long) => "an integer",
        _ when type == typeof(double) => "a number",
        _ when type == typeof(bool) => "true or false",
        _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetValues(type).Cast<Enum>().Select(EnumNames.ToConfigName))}",
        _ => "text",
    };

    private static Dictionary<string, PropertyInfo> KeysOf(Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite)
        .ToDictionary(p => Naming.ConvertName(p.Name));

    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
