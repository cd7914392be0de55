namespace Tidemark.Catalog;

/// <summary>A schema (namespace). Owners and privileges are not modelled.</summary>
internal sealed record SchemaInfo(string Name, string? Comment = null)
{
    public ObjectKey Key => ObjectKey.Schema(Name);
}

/// <summary>An installed extension; its member objects are excluded from the model.</summary>
internal sealed record ExtensionInfo(string Name, string Schema, string Version, string? Comment = null)
{
    public ObjectKey Key => ObjectKey.Extension(Name);
}

/// <summary>An enum type with its labels in sort order (<c>enumsortorder</c>).</summary>
internal sealed record EnumInfo(QualifiedName Name, EquatableArray<string> Labels, string? Comment = null)
{
    public ObjectKey Key => ObjectKey.Type(Name);
}

/// <summary>
/// A domain: base type (<c>format_type</c>, with typmod), default expression, NOT NULL, collation when it
/// differs from the base type's, and named CHECK constraints sorted by name.
/// </summary>
internal sealed record DomainInfo(
    QualifiedName Name,
    string BaseType,
    string? Default,
    bool NotNull,
    string? Collation,
    EquatableArray<DomainConstraintInfo> Checks,
    string? Comment = null)
{
    public ObjectKey Key => ObjectKey.Type(Name);
}

/// <summary>A domain CHECK constraint: <see cref="Definition"/> is <c>pg_get_constraintdef</c> (<c>CHECK ((VALUE &gt; 0))</c>), <see cref="Expression"/> the bare expression.</summary>
internal sealed record DomainConstraintInfo(string Name, string Definition, string Expression, bool NotValid, string? Comment = null);

/// <summary>A composite type with its attributes in declaration order.</summary>
internal sealed record CompositeTypeInfo(QualifiedName Name, EquatableArray<CompositeAttributeInfo> Attributes, string? Comment = null)
{
    public ObjectKey Key => ObjectKey.Type(Name);
}

/// <summary>One attribute of a composite type; <see cref="Collation"/> only when it differs from the type's default (qualified, e.g. <c>pg_catalog."C"</c>).</summary>
internal sealed record CompositeAttributeInfo(string Name, string Type, string? Collation = null, string? Comment = null);

/// <summary>
/// A standalone sequence (serial sequences included; identity sequences are described on their column
/// instead). <see cref="OwnedBy"/> is the column of OWNED BY, when set.
/// </summary>
internal sealed record SequenceInfo(
    QualifiedName Name,
    string DataType,
    long Start,
    long Increment,
    long Min,
    long Max,
    long Cache,
    bool Cycle,
    ColumnRef? OwnedBy,
    string? Comment = null)
{
    public ObjectKey Key => ObjectKey.Sequence(Name);
}

/// <summary>A table column reference (<c>schema.table.column</c>).</summary>
internal sealed record ColumnRef(QualifiedName Table, string Column)
{
    public ObjectKey Key => ObjectKey.Column(Table, Column);

    public override string ToString() => Table + "." + Identifiers.Quote(Column);
}
