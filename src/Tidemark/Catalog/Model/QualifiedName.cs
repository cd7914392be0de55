using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tidemark.Catalog;

/// <summary>A schema-qualified object name, compared ordinally (exact case). <see cref="ToString"/> gives SQL (<c>public."Order"</c>).</summary>
internal readonly record struct QualifiedName(string Schema, string Name) : IComparable<QualifiedName>
{
    public int CompareTo(QualifiedName other)
    {
        var c = string.CompareOrdinal(Schema, other.Schema);
        return c != 0 ? c : string.CompareOrdinal(Name, other.Name);
    }

    /// <summary>The name as SQL, each part quoted only when needed.</summary>
    public override string ToString() => Identifiers.Quote(Schema, Name);

    public static bool operator <(QualifiedName left, QualifiedName right) => left.CompareTo(right) < 0;

    public static bool operator <=(QualifiedName left, QualifiedName right) => left.CompareTo(right) <= 0;

    public static bool operator >(QualifiedName left, QualifiedName right) => left.CompareTo(right) > 0;

    public static bool operator >=(QualifiedName left, QualifiedName right) => left.CompareTo(right) >= 0;
}

/// <summary>
/// A stable, OID-free identity of a model object, e.g. <c>table:public.users</c>,
/// <c>column:public.users.email</c>, <c>function:public.f(integer)</c>,
/// <c>constraint:public.users.users_pkey</c>. Identifier parts are quoted as in SQL, so keys are unambiguous.
/// Kinds: schema, extension, type (enum, domain, composite), sequence, table, column, view (views and
/// materialized views), function (all routine kinds), constraint (table and domain constraints), index,
/// trigger, policy.
/// </summary>
[JsonConverter(typeof(ObjectKeyJsonConverter))]
internal readonly record struct ObjectKey(string Value) : IComparable<ObjectKey>
{
    /// <summary>The kind prefix before the first colon (<c>table</c>, <c>column</c>, ...).</summary>
    public string Kind => Value[..Value.IndexOf(':', StringComparison.Ordinal)];

    public static ObjectKey Schema(string name) => new("schema:" + Identifiers.Quote(name));

    public static ObjectKey Extension(string name) => new("extension:" + Identifiers.Quote(name));

    /// <summary>An enum, domain or composite type.</summary>
    public static ObjectKey Type(QualifiedName name) => new("type:" + name);

    public static ObjectKey Sequence(QualifiedName name) => new("sequence:" + name);

    public static ObjectKey Table(QualifiedName name) => new("table:" + name);

    public static ObjectKey Column(QualifiedName table, string column) => new("column:" + table + "." + Identifiers.Quote(column));

    /// <summary>A view or a materialized view.</summary>
    public static ObjectKey View(QualifiedName name) => new("view:" + name);

    /// <summary>A function, procedure, aggregate or window function; <paramref name="argumentTypes"/> as <c>oidvectortypes</c> prints them (<c>integer, text</c>).</summary>
    public static ObjectKey Function(QualifiedName name, string argumentTypes) => new("function:" + name + "(" + argumentTypes + ")");

    /// <summary>A table constraint or a domain constraint (<paramref name="owner"/> is the table or domain).</summary>
    public static ObjectKey Constraint(QualifiedName owner, string name) => new("constraint:" + owner + "." + Identifiers.Quote(name));

    /// <summary>An index (indexes live in their table's schema).</summary>
    public static ObjectKey Index(QualifiedName name) => new("index:" + name);

    public static ObjectKey Trigger(QualifiedName table, string name) => new("trigger:" + table + "." + Identifiers.Quote(name));

    public static ObjectKey Policy(QualifiedName table, string name) => new("policy:" + table + "." + Identifiers.Quote(name));

    public int CompareTo(ObjectKey other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value;

    public static bool operator <(ObjectKey left, ObjectKey right) => left.CompareTo(right) < 0;

    public static bool operator <=(ObjectKey left, ObjectKey right) => left.CompareTo(right) <= 0;

    public static bool operator >(ObjectKey left, ObjectKey right) => left.CompareTo(right) > 0;

    public static bool operator >=(ObjectKey left, ObjectKey right) => left.CompareTo(right) >= 0;
}

/// <summary>Writes an <see cref="ObjectKey"/> as its string.</summary>
internal sealed class ObjectKeyJsonConverter : JsonConverter<ObjectKey>
{
    public override ObjectKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("object key expected"));

    public override void Write(Utf8JsonWriter writer, ObjectKey value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
