using System.Globalization;
using System.Reflection;

namespace MinRnnLab.Config;

/// <summary>
/// Builds a RunConfig from layered settings: later values override earlier ones
/// (defaults ← preset ← file ← command line). Every error names the key, the value and its source.
/// </summary>
public static class ConfigBinder
{
    public static RunConfig Bind(IEnumerable<ConfigValue> values)
    {
        var model = new ModelConfig();
        var train = new TrainConfig();
        foreach (var value in values)
        {
            var key = ConfigKeys.Naming.ConvertName(value.Key.Trim().TrimStart('-').Replace('-', '_'));
            if (!ConfigKeys.IsKnown(key))
            {
                var hint = ConfigKeys.Suggest(key) is { } s ? $"; did you mean '{s}'?" : "";
                throw new ConfigException($"unknown config key '{value.Key}' ({value.Source}){hint}");
            }
            if (ConfigKeys.ModelKeys.TryGetValue(key, out var modelProperty))
                Set(model, modelProperty, key, value);
            else
                Set(train, ConfigKeys.TrainKeys[key], key, value);
        }
        var config = new RunConfig(model, train);
        config.Validate();
        return config;
    }

    /// <summary>Whether text is a well-formed value for a known key (its type only; ranges are checked by Bind).</summary>
    public static bool Accepts(string key, string text) =>
        ConfigKeys.IsKnown(key) && TryParse(text.Trim(), ConfigKeys.TypeOf(key), out _);

    private static void Set(object target, PropertyInfo property, string key, ConfigValue value)
    {
        if (!TryParse(value.Value.Trim(), property.PropertyType, out var parsed))
            throw new ConfigException(
                $"config key '{key}' ({value.Source}) expects {ConfigKeys.Expected(property.PropertyType)}, got '{value.Value}'");
        // Init-only setters are ordinary setters to reflection; the records stay immutable to callers.
        property.SetValue(target, parsed);
    }

    private static bool TryParse(string text, Type type, out object? result)
    {
        var invariant = CultureInfo.InvariantCulture;
        result = null;
        // Optional keys (`block`, `mlp`, `rnn_bias`): `auto` leaves them unset, to the architecture's own choice.
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return string.Equals(text, ConfigKeys.Auto, StringComparison.OrdinalIgnoreCase) || TryParse(text, underlying, out result);
        if (type == typeof(string)) { result = text; return true; }
        if (type == typeof(int) && int.TryParse(text, NumberStyles.Integer, invariant, out var i)) { result = i; return true; }
        if (type == typeof(long) && long.TryParse(text, NumberStyles.Integer, invariant, out var l)) { result = l; return true; }
        if (type == typeof(double) && double.TryParse(text, NumberStyles.Float, invariant, out var d) && double.IsFinite(d)) { result = d; return true; }
        if (type == typeof(bool) && bool.TryParse(text, out var b)) { result = b; return true; }
        if (type.IsEnum)
        {
            // Enums are spelt in lower case (`gated`, `nanogpt`, `mingru`), matched without regard to case.
            result = Enum.GetValues(type).Cast<Enum>().FirstOrDefault(e => string.Equals(e.ToConfigName(), text, StringComparison.OrdinalIgnoreCase));
            return result is not null;
        }
        return false;
    }
}
