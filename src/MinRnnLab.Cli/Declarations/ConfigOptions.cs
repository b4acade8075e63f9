using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using MinRnnLab.Config;

namespace MinRnnLab.Cli.Declarations;

/// <summary>
/// `--preset NAME`, `--config FILE` and one `--key value` option per config key, declared from
/// <see cref="ConfigKeys"/> (so `train --help` lists every key with its type and default, and a key is declared once).
/// Values stay text here: <see cref="ConfigBinder"/> parses them, with the same messages as for a config file.
/// </summary>
public sealed class ConfigOptions
{
    public Option<string> Preset { get; } = Declare.Text("--preset", "NAME", $"a named starting point: {string.Join(", ", Presets.Names)}");

    public Option<string> File { get; } = Declare.Text("--config", "FILE", "a flat YAML file of key: value settings, applied after the preset");

    private readonly IReadOnlyList<(string Key, Option Option)> keys;

    /// <param name="except">Keys the command declares as options of its own (e.g. `bench trial --threads`).</param>
    public ConfigOptions(params string[] except)
    {
        Preset.CompletionSources.Add([.. Presets.Names]);
        var defaults = JsonSerializer.SerializeToNode(new RunConfig(), ConfigJson.Options)!.AsObject();
        keys = [.. ConfigKeys.All.Where(k => !except.Contains(k)).Select(k => (k, Declared(k, defaults)))];
    }

    public IEnumerable<Option> All => [Preset, File, .. keys.Select(k => k.Option)];

    /// <summary>The text given for <paramref name="key"/> on the command line, or null.</summary>
    public string? Value(ParseResult parse, string key) => Given(parse, keys.Single(k => k.Key == key).Option);

    /// <summary>
    /// The run config: defaults, then the preset, then the config file, then each `--key value` given;
    /// <paramref name="replace"/> sets keys over those (bench train's one architecture of its list).
    /// </summary>
    public RunConfig Load(ParseResult parse, params (string Key, string Value)[] replace)
    {
        var values = new List<ConfigValue>();
        if (parse.GetValue(Preset) is { } preset)
            values.AddRange(Presets.Get(preset));
        if (parse.GetValue(File) is { } file)
            values.AddRange(ConfigFile.Read(file));
        foreach (var (key, option) in keys)
        {
            var given = replace.FirstOrDefault(r => r.Key == key).Value ?? Given(parse, option);
            if (given is not null)
                values.Add(new ConfigValue(key, given, $"--{key}"));
        }
        var config = ConfigBinder.Bind(values);
        WorkerMemory.Require(config, WorkerMemory.Bytes);                  // before the corpus is read or a tensor made
        return config;
    }

    // A true/false key is a flag that may take its value (`--decay_lr`, `--decay_lr false`); the parser only takes
    // the next word when it is true or false. Every other key takes exactly one value.
    private static Option Declared(string key, JsonObject defaults)
    {
        var type = ConfigKeys.TypeOf(key);
        var part = defaults["model"]!.AsObject().ContainsKey(key) ? "model" : "training";
        var fallback = defaults[part == "model" ? "model" : "train"]![key] switch
        {
            null => ConfigKeys.Auto,
            JsonValue v when v.ToString() is "" => "none",
            var v => v.ToJsonString().Trim('"'),
        };
        var description = $"{part}: {ConfigKeys.Expected(type)} [default: {fallback}]";
        Option option = type == typeof(bool)
            ? new Option<bool>($"--{key}") { Description = description, HelpName = "true|false" }
            : new Option<string>($"--{key}") { Description = description, HelpName = HelpName(type) };
        var choices = Nullable.GetUnderlyingType(type) ?? type;
        if (choices.IsEnum)
            option.CompletionSources.Add([.. Enum.GetValues(choices).Cast<Enum>().Select(EnumNames.ToConfigName)]);
        return option;
    }

    private static string HelpName(Type type) => type switch
    {
        _ when Nullable.GetUnderlyingType(type) is { } underlying => $"{HelpName(underlying)}|auto",
        _ when type == typeof(int) || type == typeof(long) => "INT",
        _ when type == typeof(double) => "NUMBER",
        _ when type == typeof(bool) => "true|false",
        _ when type.IsEnum => "CHOICE",
        _ => "TEXT",
    };

    private static string? Given(ParseResult parse, Option option) => parse.GetResult(option) switch
    {
        null or { Implicit: true } => null,
        { Tokens.Count: 0 } => "true",                                              // a true/false key given alone
        var result => result.Tokens[^1].Value,
    };
}
