using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tidemark.Catalog;

/// <summary>JSON form of a <see cref="SchemaModel"/> (camelCase, enums as strings, nulls omitted).</summary>
internal static class CatalogJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(SchemaModel model) => JsonSerializer.Serialize(model, Options);

    public static SchemaModel? Deserialize(string json) => JsonSerializer.Deserialize<SchemaModel>(json, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
