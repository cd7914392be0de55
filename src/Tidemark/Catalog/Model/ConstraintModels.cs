namespace Tidemark.Catalog;

/// <summary>
/// A table constraint. <see cref="Definition"/> is <c>pg_get_constraintdef</c> text (what follows
/// <c>ADD CONSTRAINT name</c>, e.g. <c>FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE</c>).
/// <see cref="Columns"/> are the constrained columns in key order (empty for most CHECKs). PRIMARY KEY, UNIQUE
/// and EXCLUDE carry their backing <see cref="Index"/>; FOREIGN KEY carries <see cref="ForeignKey"/>; CHECK
/// carries <see cref="CheckExpression"/> (<c>pg_get_expr(conbin)</c>).
/// </summary>
internal sealed record ConstraintInfo(
    string Name,
    ConstraintKind Kind,
    EquatableArray<string> Columns,
    string Definition,
    string? Comment = null)
{
    /// <summary>DEFERRABLE.</summary>
    public bool Deferrable { get; init; }

    /// <summary>INITIALLY DEFERRED.</summary>
    public bool InitiallyDeferred { get; init; }

    /// <summary>Added with NOT VALID and not validated since (FOREIGN KEY, CHECK).</summary>
    public bool NotValid { get; init; }

    /// <summary>CHECK ... NO INHERIT.</summary>
    public bool NoInherit { get; init; }

    /// <summary>UNIQUE NULLS NOT DISTINCT (PostgreSQL 15+).</summary>
    public bool NullsNotDistinct { get; init; }

    /// <summary>The FOREIGN KEY's target and actions.</summary>
    public ForeignKeyInfo? ForeignKey { get; init; }

    /// <summary>The CHECK expression.</summary>
    public string? CheckExpression { get; init; }

    /// <summary>The index enforcing a PRIMARY KEY, UNIQUE or EXCLUDE constraint (same name as the constraint).</summary>
    public IndexInfo? Index { get; init; }
}

/// <summary>A foreign key's referenced table and columns (in key order), actions and match type.</summary>
internal sealed record ForeignKeyInfo(
    QualifiedName ReferencedTable,
    EquatableArray<string> ReferencedColumns,
    ForeignKeyAction OnUpdate,
    ForeignKeyAction OnDelete,
    ForeignKeyMatch Match);

/// <summary>
/// An index on a table or materialized view (its schema is the table's). <see cref="Definition"/> is
/// <c>pg_get_indexdef</c> (<c>CREATE UNIQUE INDEX x ON public.t USING btree (lower(email)) WHERE ...</c>).
/// <see cref="Keys"/> are key columns/expressions in order; <see cref="Include"/> the INCLUDE columns;
/// <see cref="Predicate"/> the partial-index WHERE expression; <see cref="Options"/> reloptions sorted.
/// </summary>
internal sealed record IndexInfo(
    string Name,
    bool Unique,
    string Method,
    EquatableArray<IndexKeyInfo> Keys,
    EquatableArray<string> Include,
    string? Predicate,
    string Definition,
    string? Comment = null)
{
    /// <summary>NULLS NOT DISTINCT (PostgreSQL 15+).</summary>
    public bool NullsNotDistinct { get; init; }

    /// <summary>False when a CREATE INDEX CONCURRENTLY failed and left an invalid index.</summary>
    public bool Valid { get; init; } = true;

    /// <summary>Index reloptions sorted ordinally (<c>fillfactor=80</c>).</summary>
    public EquatableArray<string> Options { get; init; }
}

/// <summary>
/// One index key: a <see cref="Column"/> name or an <see cref="Expression"/> (<c>pg_get_indexdef(index, n, false)</c>,
/// e.g. <c>lower(note)</c>, <c>((price * (qty)::numeric))</c>); <see cref="OpClass"/> only when
/// not the default operator class (qualified when not in pg_catalog); <see cref="Collation"/> only when it differs
/// from the column's; <see cref="Descending"/> and <see cref="NullsFirst"/> are the effective order (<c>indoption</c>):
/// plain ASC is (false, false), plain DESC is (true, true), <c>DESC NULLS LAST</c> is (true, false).
/// </summary>
internal sealed record IndexKeyInfo(
    string? Column,
    string? Expression,
    string? OpClass = null,
    string? Collation = null,
    bool Descending = false,
    bool NullsFirst = false)
{
    public override string ToString() => Column is not null ? Identifiers.Quote(Column) : "(" + Expression + ")";
}
