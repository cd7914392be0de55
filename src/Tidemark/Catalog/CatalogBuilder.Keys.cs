namespace Tidemark.Catalog;

/// <summary>
/// Maps catalog object addresses (class OID, object OID, sub-id) to model <see cref="ObjectKey"/>s while reading,
/// so pg_depend rows can be turned into <see cref="DependencyEdge"/>s without OIDs reaching the model. Objects that
/// belong to an extension (its types, functions, operator classes, ...) resolve to the extension, so a column of an
/// extension's type depends on the extension.
/// </summary>
internal sealed partial class CatalogBuilder
{
    // The system catalogs' own OIDs are fixed in every PostgreSQL release.
    private const uint PgType = 1247;
    private const uint PgProc = 1255;
    private const uint PgClass = 1259;
    private const uint PgConstraint = 2606;
    private const uint PgNamespace = 2615;
    private const uint PgTrigger = 2620;
    private const uint PgExtension = 3079;
    private const uint PgPolicy = 3256;

    private void Register(uint catalog, uint oid, ObjectKey key, int sub = 0)
    {
        if (oid != 0)
        {
            objectKeys[new ObjectId(catalog, oid, sub)] = key;
        }
    }

    /// <summary>A type and its array type resolve to the same key (a table's row type to the table).</summary>
    private void RegisterType(uint type, uint arrayType, ObjectKey key)
    {
        Register(PgType, type, key);
        Register(PgType, arrayType, key);
    }

    /// <summary>Table columns are columns; columns of views and composite types resolve to the view or type.</summary>
    private void RegisterColumn(uint relation, short attnum, string name)
    {
        if (tables.TryGetValue(relation, out var table))
        {
            Register(PgClass, relation, ObjectKey.Column(table.Name, name), attnum);
        }
        else if (views.TryGetValue(relation, out var view))
        {
            Register(PgClass, relation, view.Key, attnum);
        }
        else if (composites.TryGetValue(relation, out var composite))
        {
            Register(PgClass, relation, ObjectKey.Type(composite.Name), attnum);
        }
    }

    /// <summary>A constraint, trigger or policy of a table or view.</summary>
    private void RegisterChild(uint relation, uint catalog, uint oid, string name, Func<QualifiedName, string, ObjectKey> key)
    {
        if (tables.TryGetValue(relation, out var table))
        {
            Register(catalog, oid, key(table.Name, name));
        }
        else if (views.TryGetValue(relation, out var view))
        {
            Register(catalog, oid, key(view.Name, name));
        }
    }

    /// <summary>Standalone indexes are indexes; indexes backing a constraint resolve to the constraint.</summary>
    private void RegisterIndex(uint index, uint relation, string name, ObjectKey? constraint)
    {
        QualifiedName? owner = tables.TryGetValue(relation, out var t) ? t.Name : views.TryGetValue(relation, out var v) ? v.Name : null;
        if (owner is { } o)
        {
            Register(PgClass, index, constraint ?? ObjectKey.Index(new(o.Schema, name)));
        }
    }

    private EquatableArray<DependencyEdge> BuildDependencies()
    {
        var edges = new HashSet<DependencyEdge>();
        foreach (var (from, to) in dependencies)
        {
            if (!objectKeys.TryGetValue(from, out var a) || !objectKeys.TryGetValue(to, out var b) || a == b)
            {
                continue;
            }

            // A serial sequence's OWNED BY link is SequenceInfo.OwnedBy; as an edge it would make a cycle with the column default.
            if (from.Catalog == PgClass && to.Sub != 0 && a.Kind == "sequence")
            {
                continue;
            }

            edges.Add(new DependencyEdge(a, b));
        }

        return edges.OrderBy(e => e.Dependent).ThenBy(e => e.Referenced).ToEquatableArray();
    }

    /// <summary>A catalog object address as pg_depend records it.</summary>
    private readonly record struct ObjectId(uint Catalog, uint Oid, int Sub);
}
