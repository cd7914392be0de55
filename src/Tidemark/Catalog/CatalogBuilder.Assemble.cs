namespace Tidemark.Catalog;

/// <summary>Assembling the model: attach children to their parents, drop OIDs, sort ordinally.</summary>
internal sealed partial class CatalogBuilder
{
    private static readonly Comparison<string> Ordinal = string.CompareOrdinal;

    public SchemaModel Build()
    {
        var allIndexes = new Dictionary<uint, (uint Rel, IndexInfo Index)>(indexes.Count);
        foreach (var (oid, (rel, index)) in indexes)
        {
            allIndexes[oid] = (rel, index with
            {
                Keys = indexKeys.TryGetValue(oid, out var keys) ? keys.ToEquatableArray() : [],
                Include = indexIncludes.TryGetValue(oid, out var include) ? include.ToEquatableArray() : [],
            });
        }

        var backing = new HashSet<uint>();
        var constraintsByRel = new Dictionary<uint, List<ConstraintInfo>>();
        foreach (var (rel, indexOid, c) in constraints)
        {
            var constraint = c;
            if (indexOid != 0 && allIndexes.TryGetValue(indexOid, out var bi))
            {
                constraint = c with { Index = bi.Index, NullsNotDistinct = bi.Index.NullsNotDistinct };
                backing.Add(indexOid);
                if (tables.TryGetValue(rel, out var owner))
                {
                    RegisterIndex(indexOid, rel, bi.Index.Name, ObjectKey.Constraint(owner.Name, c.Name));
                }
            }

            Bucket(constraintsByRel, rel).Add(constraint);
        }

        var indexesByRel = new Dictionary<uint, List<IndexInfo>>();
        foreach (var (oid, (rel, index)) in allIndexes)
        {
            if (!backing.Contains(oid))
            {
                RegisterIndex(oid, rel, index.Name, null);
                Bucket(indexesByRel, rel).Add(index);
            }
        }

        var triggersByRel = Group(triggers);
        var policiesByRel = Group(policies);

        var tableList = new List<TableInfo>(tables.Count);
        foreach (var (oid, t) in tables)
        {
            tableList.Add(t with
            {
                Columns = TableColumns(oid),
                Constraints = SortedBy(constraintsByRel, oid, c => c.Name),
                Indexes = SortedBy(indexesByRel, oid, i => i.Name),
                Triggers = SortedBy(triggersByRel, oid, tr => tr.Name),
                Policies = SortedBy(policiesByRel, oid, p => p.Name),
            });
        }

        var viewList = views.Select(kv => kv.Value with
        {
            Columns = columns.TryGetValue(kv.Key, out var cols) ? cols.Select(c => new ViewColumnInfo(c.Name, c.Type, c.Comment)).ToEquatableArray() : [],
            Indexes = SortedBy(indexesByRel, kv.Key, i => i.Name),
            Triggers = SortedBy(triggersByRel, kv.Key, tr => tr.Name),
        }).ToList();

        var compositeList = composites.Select(kv => new CompositeTypeInfo(
            kv.Value.Name,
            columns.TryGetValue(kv.Key, out var cols) ? cols.Select(c => new CompositeAttributeInfo(c.Name, c.Type, c.Collation, c.Comment)).ToEquatableArray() : [],
            kv.Value.Comment)).ToList();

        var domainList = domains.Select(kv => kv.Value with { Checks = SortedBy(domainChecks, kv.Key, c => c.Name) }).ToList();

        return new SchemaModel(
            serverVersionNum,
            schemas.OrderBy(s => s.Name, StringComparer.Ordinal).ToEquatableArray(),
            extensions.OrderBy(e => e.Name, StringComparer.Ordinal).ToEquatableArray(),
            enums.OrderBy(e => e.Name).ToEquatableArray(),
            domainList.OrderBy(d => d.Name).ToEquatableArray(),
            compositeList.OrderBy(c => c.Name).ToEquatableArray(),
            sequences.OrderBy(s => s.Name).ToEquatableArray(),
            tableList.OrderBy(t => t.Name).ToEquatableArray(),
            viewList.OrderBy(v => v.Name).ToEquatableArray(),
            functions.OrderBy(f => f.Name).ThenBy(f => f.ArgumentTypes, StringComparer.Ordinal).ToEquatableArray(),
            BuildDependencies());
    }

    private EquatableArray<ColumnInfo> TableColumns(uint oid)
    {
        if (!columns.TryGetValue(oid, out var cols))
        {
            return [];
        }

        var result = new ColumnInfo[cols.Count];
        for (var i = 0; i < cols.Count; i++)
        {
            var c = cols[i];
            result[i] = identityKinds.TryGetValue((oid, c.Name), out var kind) && identities.TryGetValue((oid, c.Name), out var identity)
                ? c with { Identity = identity with { Kind = kind } }
                : c;
        }

        return result.ToEquatableArray();
    }

    private static Dictionary<uint, List<T>> Group<T>(List<(uint Rel, T Item)> rows)
    {
        var map = new Dictionary<uint, List<T>>();
        foreach (var (rel, item) in rows)
        {
            Bucket(map, rel).Add(item);
        }

        return map;
    }

    private static EquatableArray<T> SortedBy<T>(Dictionary<uint, List<T>> map, uint key, Func<T, string> name)
    {
        if (!map.TryGetValue(key, out var list))
        {
            return [];
        }

        var array = list.ToArray();
        Array.Sort(array, (x, y) => Ordinal(name(x), name(y)));
        return array.ToEquatableArray();
    }
}
