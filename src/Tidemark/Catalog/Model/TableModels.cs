using System.Text.Json.Serialization;

namespace Tidemark.Catalog;

/// <summary>
/// A table (ordinary, partitioned, or a partition). <see cref="PartitionKey"/> (<c>pg_get_partkeydef</c>, e.g.
/// <c>RANGE (created_at)</c>) is set for partitioned tables; <see cref="PartitionOf"/> and <see cref="PartitionBound"/>
/// (<c>FOR VALUES ...</c>) for partitions. <see cref="Inherits"/> lists INHERITS parents in declaration order
/// (not the partition parent). <see cref="Options"/> are reloptions (<c>fillfactor=70</c>) sorted ordinally; those of
/// the table's TOAST relation are listed with the <c>toast.</c> prefix PostgreSQL's own syntax uses
/// (<c>toast.autovacuum_enabled=false</c>), never mixed with the table's. Constraints a child inherits from its
/// INHERITS or partition parent (<c>conislocal</c> false) are the parent's, not listed on the child.
/// Columns are in table order (no attnum: dropped columns leave no gaps); constraints, indexes, triggers and
/// policies are sorted by name. Indexes that back a PRIMARY KEY / UNIQUE / EXCLUDE constraint appear only on
/// the constraint (<see cref="ConstraintInfo.Index"/>). Objects a partition inherits from its partitioned
/// parent (cloned constraints, attached indexes, cloned triggers) are not listed on the partition.
/// </summary>
internal sealed record TableInfo(
    QualifiedName Name,
    TablePersistence Persistence,
    EquatableArray<ColumnInfo> Columns,
    EquatableArray<ConstraintInfo> Constraints,
    EquatableArray<IndexInfo> Indexes,
    EquatableArray<TriggerInfo> Triggers,
    EquatableArray<PolicyInfo> Policies,
    string? Comment = null)
{
    /// <summary><c>pg_get_partkeydef</c> for a partitioned table (<c>RANGE (created_at)</c>), else null.</summary>
    public string? PartitionKey { get; init; }

    /// <summary>The partitioned table this table is a partition of.</summary>
    public QualifiedName? PartitionOf { get; init; }

    /// <summary>The partition bound (<c>FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')</c>, <c>DEFAULT</c>).</summary>
    public string? PartitionBound { get; init; }

    /// <summary>INHERITS parents in declaration order.</summary>
    public EquatableArray<QualifiedName> Inherits { get; init; }

    /// <summary>ALTER TABLE ... ENABLE ROW LEVEL SECURITY.</summary>
    public bool RowSecurity { get; init; }

    /// <summary>ALTER TABLE ... FORCE ROW LEVEL SECURITY.</summary>
    public bool ForceRowSecurity { get; init; }

    /// <summary>reloptions, sorted ordinally (<c>fillfactor=70</c>), then the TOAST relation's as <c>toast.name=value</c>.</summary>
    public EquatableArray<string> Options { get; init; }

    public ObjectKey Key => ObjectKey.Table(Name);

    [JsonIgnore]
    public bool IsPartitioned => PartitionKey is not null;

    /// <summary>The column named <paramref name="name"/> (ordinal), or null.</summary>
    public ColumnInfo? FindColumn(string name)
    {
        foreach (var c in Columns)
        {
            if (string.Equals(c.Name, name, StringComparison.Ordinal))
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>The constraint named <paramref name="name"/> (ordinal), or null.</summary>
    public ConstraintInfo? FindConstraint(string name) => Constraints.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    /// <summary>The standalone index named <paramref name="name"/> (ordinal), or null.</summary>
    public IndexInfo? FindIndex(string name) => Indexes.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.Ordinal));

    /// <summary>The primary key, if any.</summary>
    [JsonIgnore]
    public ConstraintInfo? PrimaryKey => Constraints.FirstOrDefault(c => c.Kind == ConstraintKind.PrimaryKey);
}

/// <summary>
/// A table column. <see cref="Type"/> is <c>format_type(atttypid, atttypmod)</c> (<c>character varying(200)</c>,
/// <c>public.mood[]</c>, schema-qualified when not visible on the default search path); <see cref="Collation"/>
/// only when it differs from the type's default (<c>pg_catalog."C"</c>); <see cref="Default"/> is
/// <c>pg_get_expr</c> of the default (serial columns keep <c>nextval('public.t_id_seq'::regclass)</c>);
/// <see cref="Identity"/> for identity columns; <see cref="Generated"/> is the GENERATED ALWAYS AS (...) STORED
/// expression (then <see cref="Default"/> is null).
/// </summary>
internal sealed record ColumnInfo(
    string Name,
    string Type,
    bool NotNull,
    string? Default = null,
    string? Collation = null,
    IdentityInfo? Identity = null,
    string? Generated = null,
    string? Comment = null);

/// <summary>An identity column's kind and its sequence's options.</summary>
internal sealed record IdentityInfo(
    IdentityKind Kind,
    QualifiedName SequenceName,
    string DataType,
    long Start,
    long Increment,
    long Min,
    long Max,
    long Cache,
    bool Cycle);
