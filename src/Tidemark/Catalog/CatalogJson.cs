using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Tidemark.Catalog;

/// <summary>JSON form of a <see cref="SchemaModel"/> (camelCase, enums as strings, nulls omitted), source-generated.</summary>
internal static class CatalogJson
{
    // Indented, nulls omitted: for people and tools (`tidemark inspect --json`).
    private static readonly CatalogJsonContext Readable = new(new JsonSerializerOptions(CatalogJsonContext.Default.Options)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Compact, every property written: the canonical form hashed by <see cref="Fingerprint"/>.</summary>
    public static JsonTypeInfo<SchemaModel> Canonical => CatalogJsonContext.Default.SchemaModel;

    public static string Serialize(SchemaModel model) => JsonSerializer.Serialize(model, Readable.SchemaModel);

    public static SchemaModel? Deserialize(string json) => JsonSerializer.Deserialize(json, Readable.SchemaModel);
}

/// <summary>Source-generated serialization metadata for the catalog model.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SchemaModel))]
[JsonSerializable(typeof(SchemaInfo))]
[JsonSerializable(typeof(ImmutableArray<SchemaInfo>))]
[JsonSerializable(typeof(ExtensionInfo))]
[JsonSerializable(typeof(ImmutableArray<ExtensionInfo>))]
[JsonSerializable(typeof(EnumInfo))]
[JsonSerializable(typeof(ImmutableArray<EnumInfo>))]
[JsonSerializable(typeof(DomainInfo))]
[JsonSerializable(typeof(ImmutableArray<DomainInfo>))]
[JsonSerializable(typeof(DomainConstraintInfo))]
[JsonSerializable(typeof(ImmutableArray<DomainConstraintInfo>))]
[JsonSerializable(typeof(CompositeTypeInfo))]
[JsonSerializable(typeof(ImmutableArray<CompositeTypeInfo>))]
[JsonSerializable(typeof(CompositeAttributeInfo))]
[JsonSerializable(typeof(ImmutableArray<CompositeAttributeInfo>))]
[JsonSerializable(typeof(SequenceInfo))]
[JsonSerializable(typeof(ImmutableArray<SequenceInfo>))]
[JsonSerializable(typeof(TableInfo))]
[JsonSerializable(typeof(ImmutableArray<TableInfo>))]
[JsonSerializable(typeof(ColumnInfo))]
[JsonSerializable(typeof(ImmutableArray<ColumnInfo>))]
[JsonSerializable(typeof(ConstraintInfo))]
[JsonSerializable(typeof(ImmutableArray<ConstraintInfo>))]
[JsonSerializable(typeof(IndexInfo))]
[JsonSerializable(typeof(ImmutableArray<IndexInfo>))]
[JsonSerializable(typeof(IndexKeyInfo))]
[JsonSerializable(typeof(ImmutableArray<IndexKeyInfo>))]
[JsonSerializable(typeof(TriggerInfo))]
[JsonSerializable(typeof(ImmutableArray<TriggerInfo>))]
[JsonSerializable(typeof(PolicyInfo))]
[JsonSerializable(typeof(ImmutableArray<PolicyInfo>))]
[JsonSerializable(typeof(ViewInfo))]
[JsonSerializable(typeof(ImmutableArray<ViewInfo>))]
[JsonSerializable(typeof(ViewColumnInfo))]
[JsonSerializable(typeof(ImmutableArray<ViewColumnInfo>))]
[JsonSerializable(typeof(FunctionInfo))]
[JsonSerializable(typeof(ImmutableArray<FunctionInfo>))]
[JsonSerializable(typeof(DependencyEdge))]
[JsonSerializable(typeof(ImmutableArray<DependencyEdge>))]
[JsonSerializable(typeof(QualifiedName))]
[JsonSerializable(typeof(ImmutableArray<QualifiedName>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(ImmutableArray<string>))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;
