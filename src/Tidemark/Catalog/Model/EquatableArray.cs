using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Tidemark.Catalog;

/// <summary>
/// An immutable array with structural (element-wise, ordered) equality, so records holding it
/// compare by value with <c>==</c>. <c>default</c> behaves as an empty array. Build it with a
/// collection expression (<c>[a, b]</c>), <see cref="EquatableArray.Create{T}(ReadOnlySpan{T})"/>
/// or <see cref="EquatableArray.ToEquatableArray{T}(IEnumerable{T})"/>.
/// </summary>
[CollectionBuilder(typeof(EquatableArray), nameof(EquatableArray.Create))]
[JsonConverter(typeof(EquatableArrayJsonConverterFactory))]
internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    private readonly ImmutableArray<T> items;

    public EquatableArray(ImmutableArray<T> items)
    {
        this.items = items.IsDefault ? ImmutableArray<T>.Empty : items;
    }

    public static EquatableArray<T> Empty => new(ImmutableArray<T>.Empty);

    /// <summary>The underlying immutable array (never default).</summary>
    public ImmutableArray<T> AsImmutableArray() => items.IsDefault ? ImmutableArray<T>.Empty : items;

    public int Count => items.IsDefault ? 0 : items.Length;

    public bool IsEmpty => Count == 0;

    public T this[int index] => AsImmutableArray()[index];

    public static implicit operator EquatableArray<T>(ImmutableArray<T> items) => new(items);

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    public bool Equals(EquatableArray<T> other)
    {
        var a = AsImmutableArray();
        var b = other.AsImmutableArray();
        if (a.Length != b.Length)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < a.Length; i++)
        {
            if (!comparer.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in AsImmutableArray())
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public ImmutableArray<T>.Enumerator GetEnumerator() => AsImmutableArray().GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)AsImmutableArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)AsImmutableArray()).GetEnumerator();

    /// <summary>Elements in brackets, so record <c>ToString()</c> output (and test failures) show the contents.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("[");
        var first = true;
        foreach (var item in AsImmutableArray())
        {
            if (!first)
            {
                sb.Append(", ");
            }

            sb.Append(item);
            first = false;
        }

        return sb.Append(']').ToString();
    }
}

/// <summary>Factory methods for <see cref="EquatableArray{T}"/>.</summary>
internal static class EquatableArray
{
    public static EquatableArray<T> Create<T>(ReadOnlySpan<T> items) => new(ImmutableArray.Create(items));

    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) => new(items.ToImmutableArray());

    public static EquatableArray<T> ToEquatableArray<T>(this ImmutableArray<T> items) => new(items);
}

/// <summary>
/// Reads and writes <see cref="EquatableArray{T}"/> as a JSON array. The element types are listed, not
/// built with <c>MakeGenericType</c>, so the converter works under Native AOT (no code made at run time);
/// a model type holding an unlisted element type fails its first serialization with a message naming it.
/// </summary>
internal sealed class EquatableArrayJsonConverterFactory : JsonConverterFactory
{
    private static readonly Dictionary<Type, Func<JsonConverter>> Converters = new()
    {
        [typeof(EquatableArray<string>)] = () => new EquatableArrayJsonConverter<string>(),
        [typeof(EquatableArray<QualifiedName>)] = () => new EquatableArrayJsonConverter<QualifiedName>(),
        [typeof(EquatableArray<SchemaInfo>)] = () => new EquatableArrayJsonConverter<SchemaInfo>(),
        [typeof(EquatableArray<ExtensionInfo>)] = () => new EquatableArrayJsonConverter<ExtensionInfo>(),
        [typeof(EquatableArray<EnumInfo>)] = () => new EquatableArrayJsonConverter<EnumInfo>(),
        [typeof(EquatableArray<DomainInfo>)] = () => new EquatableArrayJsonConverter<DomainInfo>(),
        [typeof(EquatableArray<DomainConstraintInfo>)] = () => new EquatableArrayJsonConverter<DomainConstraintInfo>(),
        [typeof(EquatableArray<CompositeTypeInfo>)] = () => new EquatableArrayJsonConverter<CompositeTypeInfo>(),
        [typeof(EquatableArray<CompositeAttributeInfo>)] = () => new EquatableArrayJsonConverter<CompositeAttributeInfo>(),
        [typeof(EquatableArray<SequenceInfo>)] = () => new EquatableArrayJsonConverter<SequenceInfo>(),
        [typeof(EquatableArray<TableInfo>)] = () => new EquatableArrayJsonConverter<TableInfo>(),
        [typeof(EquatableArray<ColumnInfo>)] = () => new EquatableArrayJsonConverter<ColumnInfo>(),
        [typeof(EquatableArray<ConstraintInfo>)] = () => new EquatableArrayJsonConverter<ConstraintInfo>(),
        [typeof(EquatableArray<IndexInfo>)] = () => new EquatableArrayJsonConverter<IndexInfo>(),
        [typeof(EquatableArray<IndexKeyInfo>)] = () => new EquatableArrayJsonConverter<IndexKeyInfo>(),
        [typeof(EquatableArray<TriggerInfo>)] = () => new EquatableArrayJsonConverter<TriggerInfo>(),
        [typeof(EquatableArray<PolicyInfo>)] = () => new EquatableArrayJsonConverter<PolicyInfo>(),
        [typeof(EquatableArray<ViewInfo>)] = () => new EquatableArrayJsonConverter<ViewInfo>(),
        [typeof(EquatableArray<ViewColumnInfo>)] = () => new EquatableArrayJsonConverter<ViewColumnInfo>(),
        [typeof(EquatableArray<FunctionInfo>)] = () => new EquatableArrayJsonConverter<FunctionInfo>(),
        [typeof(EquatableArray<DependencyEdge>)] = () => new EquatableArrayJsonConverter<DependencyEdge>(),
    };

    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(EquatableArray<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        Converters.TryGetValue(typeToConvert, out var create)
            ? create()
            : throw new NotSupportedException($"{typeToConvert} is not listed in {nameof(EquatableArrayJsonConverterFactory)}; add its element type there.");
}

/// <summary>JSON converter for one element type; element metadata comes from the source-generated context.</summary>
internal sealed class EquatableArrayJsonConverter<T> : JsonConverter<EquatableArray<T>>
{
    public override EquatableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var info = (JsonTypeInfo<ImmutableArray<T>>)options.GetTypeInfo(typeof(ImmutableArray<T>));
        return new EquatableArray<T>(JsonSerializer.Deserialize(ref reader, info));
    }

    public override void Write(Utf8JsonWriter writer, EquatableArray<T> value, JsonSerializerOptions options)
    {
        var info = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, info);
        }

        writer.WriteEndArray();
    }
}
