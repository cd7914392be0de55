namespace Tidemark.Catalog;

/// <summary>
/// A view or materialized view. <see cref="Definition"/> is <c>pg_get_viewdef(oid, true)</c> (the SELECT, pretty
/// printed); <see cref="Options"/> reloptions sorted (<c>security_barrier=true</c>, <c>check_option=local</c>);
/// materialized views carry their <see cref="Indexes"/>; views may carry INSTEAD OF <see cref="Triggers"/>.
/// </summary>
internal sealed record ViewInfo(
    QualifiedName Name,
    bool Materialized,
    string Definition,
    EquatableArray<ViewColumnInfo> Columns,
    string? Comment = null)
{
    /// <summary>reloptions sorted ordinally.</summary>
    public EquatableArray<string> Options { get; init; }

    /// <summary>Indexes of a materialized view, sorted by name.</summary>
    public EquatableArray<IndexInfo> Indexes { get; init; }

    /// <summary>Triggers on the view, sorted by name.</summary>
    public EquatableArray<TriggerInfo> Triggers { get; init; }

    public ObjectKey Key => ObjectKey.View(Name);
}

/// <summary>A view column in order, with its type (<c>format_type</c>).</summary>
internal sealed record ViewColumnInfo(string Name, string Type, string? Comment = null);

/// <summary>
/// A function, procedure, aggregate or window function. <see cref="ArgumentTypes"/> is the identity argument type
/// list (<c>integer, text</c>); <see cref="Signature"/> <c>schema.name(argtypes)</c> (SQL-quoted).
/// <see cref="Definition"/> is <c>pg_get_functiondef</c> (a complete <c>CREATE OR REPLACE FUNCTION ...</c>); for
/// aggregates, which have none, a <c>CREATE AGGREGATE</c> statement built from <c>pg_aggregate</c>.
/// <see cref="ReturnType"/> is <c>pg_get_function_result</c> (null for procedures); <see cref="Config"/> are
/// proconfig settings (<c>search_path=public, pg_temp</c>) in declaration order.
/// </summary>
internal sealed record FunctionInfo(
    QualifiedName Name,
    string ArgumentTypes,
    FunctionKind Kind,
    string Language,
    string? ReturnType,
    string Definition,
    string? Comment = null)
{
    /// <summary><c>pg_get_function_arguments</c>: the full argument list with names, modes and defaults.</summary>
    public string Arguments { get; init; } = "";

    public Volatility Volatility { get; init; } = Volatility.Volatile;

    /// <summary>STRICT (RETURNS NULL ON NULL INPUT).</summary>
    public bool Strict { get; init; }

    public bool SecurityDefiner { get; init; }

    public ParallelSafety Parallel { get; init; } = ParallelSafety.Unsafe;

    /// <summary>SET clauses (<c>search_path=public, pg_temp</c>), as stored.</summary>
    public EquatableArray<string> Config { get; init; }

    public ObjectKey Key => ObjectKey.Function(Name, ArgumentTypes);

    /// <summary><c>schema.name(argtypes)</c>, usable in DROP FUNCTION / COMMENT ON FUNCTION.</summary>
    public string Signature => Name + "(" + ArgumentTypes + ")";
}

/// <summary>
/// A trigger (internal and partition-cloned triggers excluded). <see cref="Definition"/> is
/// <c>pg_get_triggerdef</c> (<c>CREATE TRIGGER ... EXECUTE FUNCTION public.f()</c>); <see cref="Function"/> the
/// trigger function's signature (<c>public.f()</c>).
/// </summary>
internal sealed record TriggerInfo(
    string Name,
    string Definition,
    string Function,
    TriggerEnabled Enabled = TriggerEnabled.Origin,
    string? Comment = null);

/// <summary>
/// A row-level security policy. <see cref="Roles"/> sorted (<c>public</c> when it applies to everyone);
/// <see cref="Using"/> and <see cref="WithCheck"/> are <c>pg_get_expr</c> text.
/// </summary>
internal sealed record PolicyInfo(
    string Name,
    bool Permissive,
    PolicyCommand Command,
    EquatableArray<string> Roles,
    string? Using,
    string? WithCheck,
    string? Comment = null);

/// <summary>
/// "<see cref="Dependent"/> depends on <see cref="Referenced"/>" (from <c>pg_depend</c>, normal and automatic
/// dependencies between model objects; e.g. a view on a table column, a column default on a sequence, a table
/// column on an enum type, a trigger on its function, a serial sequence on its owning column). Create
/// <see cref="Referenced"/> first; drop <see cref="Dependent"/> first.
/// </summary>
internal sealed record DependencyEdge(ObjectKey Dependent, ObjectKey Referenced)
{
    public override string ToString() => Dependent + " -> " + Referenced;
}
