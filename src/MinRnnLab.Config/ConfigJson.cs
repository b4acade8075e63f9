using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MinRnnLab.Config;

/// <summary>The resolved config as JSON with the same snake_case keys users type; saved in every run folder and checkpoint.</summary>
public static class ConfigJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = ConfigKeys.Naming,
        WriteIndented = true,
        // Enums as users type them (`gated`, `nanogpt`); an unset optional key is null, read back as unset.
        Converters = { new ArchitectureConverter(), new JsonStringEnumConverter(ConfigKeys.Naming, allowIntegerValues: false) },
    };

    public static string Serialize(RunConfig config) => JsonSerializer.Serialize(config, Options);

    /// <summary>The same JSON as a tree, for an API answer or a walk over its keys, without a trip through text.</summary>
    public static JsonElement ToElement(RunConfig config) => JsonSerializer.SerializeToElement(config, Options);

    /// <summary>A stored config as it ran: keys it lacks take the defaults of the binaries that wrote it (StoredConfigDefaults).</summary>
    public static RunConfig Deserialize(string json)
    {
        var node = JsonNode.Parse(json) ?? throw new ConfigException("empty run config JSON");
        StoredConfigDefaults.FillIn(node);
        return node.Deserialize<RunConfig>(Options) ?? throw new ConfigException("empty run config JSON");
    }

    private sealed class ArchitectureConverter : JsonConverter<Architecture>
    {
        public override Architecture Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ArchitectureNames.Parse(reader.GetString() ?? "");

        public override void Write(Utf8JsonWriter writer, Architecture value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToConfigName());
    }
}
