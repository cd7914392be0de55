using System.Collections.Immutable;
using Tidemark.Catalog;

namespace Tidemark.Diff;

/// <summary>The state of one diff run: both models, the changes collected per phase, and facts shared between differs.</summary>
internal sealed class DiffContext
{
    private readonly List<SchemaChange>[] phases;
    private readonly List<string> unsupported = [];
    private readonly List<string> notes = [];

    public DiffContext(SchemaModel from, SchemaModel to, DiffOptions options)
    {
        From = from;
        To = to;
        Options = options;
        FromIx = new ModelIndex(from);
        ToIx = new ModelIndex(to);
        phases = new List<SchemaChange>[Enum.GetValues<DiffPhase>().Length];
        for (var i = 0; i < phases.Length; i++)
        {
            phases[i] = [];
        }
    }

    public SchemaModel From { get; }

    public SchemaModel To { get; }

    public DiffOptions Options { get; }

    /// <summary>Lookups over <see cref="From"/>.</summary>
    public ModelIndex FromIx { get; }

    /// <summary>Lookups over <see cref="To"/>.</summary>
    public ModelIndex ToIx { get; }

    /// <summary>Columns (of the source model) whose type changes or which are dropped or recreated: views reading them must be recreated.</summary>
    public HashSet<ObjectKey> ReshapedColumns { get; } = [];

    /// <summary>Columns dropped and added again: what hung on the old column (its comment) must be set anew.</summary>
    public HashSet<ObjectKey> RecreatedColumns { get; } = [];

    /// <summary>Tables that get a new child (INHERITS or PARTITION OF) in this diff.</summary>
    public HashSet<QualifiedName> ParentsOfNewTables => _parentsOfNewTables ??=
        [.. To.Tables.Where(t => FromIx.FindTable(t.Name) is null).SelectMany(t => t.PartitionOf is { } p ? [p, .. t.Inherits] : t.Inherits)];

    /// <summary>Parent name to the INHERITS children it has before the diff.</summary>
    public ILookup<QualifiedName, TableInfo> ChildrenBefore => _childrenBefore ??=
        From.Tables.SelectMany(t => t.Inherits.Select(p => (Parent: p, Child: t))).ToLookup(x => x.Parent, x => x.Child);

    private HashSet<QualifiedName>? _parentsOfNewTables;
    private ILookup<QualifiedName, TableInfo>? _childrenBefore;

    /// <summary>Tables dropped by this diff (their columns, indexes, triggers... go with them).</summary>
    public HashSet<QualifiedName> DroppedTables { get; } = [];

    /// <summary>Columns dropped by this diff (sequences they own go with them).</summary>
    public HashSet<ObjectKey> DroppedColumns { get; } = [];

    /// <summary>Views dropped by this diff (removed, changed, or in the way of a column change).</summary>
    public HashSet<QualifiedName> DroppedViews { get; } = [];

    /// <summary>Types dropped and created again (enums whose labels are removed or reordered).</summary>
    public HashSet<ObjectKey> RecreatedTypes { get; } = [];

    /// <summary>Functions dropped and created again (so objects that use them are recreated too).</summary>
    public HashSet<ObjectKey> RecreatedFunctions { get; } = [];

    public void Add(DiffPhase phase, ChangeKind kind, ObjectKey key, string sql, Hazards hazards = Hazards.None, string? reason = null, bool requiresCommit = false) =>
        phases[(int)phase].Add(new SchemaChange(kind, key.Value, sql, hazards, reason) { RequiresCommit = requiresCommit });

    /// <summary>Removes changes already collected in <paramref name="phase"/> that match <paramref name="match"/>.</summary>
    public void Remove(DiffPhase phase, Predicate<SchemaChange> match) => phases[(int)phase].RemoveAll(match);

    /// <summary>Whether <paramref name="phase"/> has a change for <paramref name="key"/>.</summary>
    public bool Has(DiffPhase phase, ObjectKey key) => phases[(int)phase].Exists(c => c.ObjectKey == key.Value);

    /// <summary>Whether any object <paramref name="key"/> depends on (in the source model) is a column this diff reshapes.</summary>
    public bool ReadsReshapedColumn(ObjectKey key)
    {
        if (ReshapedColumns.Count == 0)
        {
            return false;
        }

        foreach (var d in FromIx.DependenciesOf(key))
        {
            if (ReshapedColumns.Contains(d))
            {
                return true;
            }
        }

        return false;
    }

    public void Unsupported(string message) => unsupported.Add(message);

    /// <summary>Something a reader of the script should know that does not stop it reaching the target (e.g. a column appended).</summary>
    public void Note(string message) => notes.Add(message);

    public SchemaDiff Build()
    {
        var all = ImmutableArray.CreateBuilder<SchemaChange>();
        foreach (var p in phases)
        {
            all.AddRange(p);
        }

        return new SchemaDiff(all.ToImmutable(), [.. unsupported]) { Notes = [.. notes] };
    }
}
