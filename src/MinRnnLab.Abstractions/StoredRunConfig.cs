using System.Text.Json;
using System.Text.Json.Serialization;
using MinRnnLab.Config;

namespace MinRnnLab.Abstractions;

/// <summary>
/// How a <see cref="RunSpec"/>'s config is written wherever the spec is stored as JSON (grain state in SQLite or
/// PostgreSQL, the trial pipe): a JSON string holding the config file format (<see cref="ConfigJson"/>), under the
/// property name "ConfigJson". That is byte for byte how runs were stored while RunSpec held the text, so state written
/// by those binaries reads unchanged, and a stored config lacking a later key reads with the value it ran with
/// (StoredConfigDefaults) rather than today's default.
/// </summary>
public sealed class StoredRunConfig : JsonConverter<RunConfig>
{
    /// <summary>The stored property name, from when the spec held the config as text.</summary>
    public const string PropertyName = "ConfigJson";

    public override RunConfig Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"a stored run spec's '{PropertyName}' is the config JSON as a string; found {reader.TokenType}");
        try
        {
            return ConfigJson.Deserialize(reader.GetString()!);
        }
        catch (Exception e) when (e is JsonException or ConfigException or ArgumentException or FormatException)
        {
            throw new JsonException($"a stored run spec's '{PropertyName}' is not a readable run config: {e.Message}", e);
        }
    }

    public override void Write(Utf8JsonWriter writer, RunConfig value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ConfigJson.Serialize(value));
}
