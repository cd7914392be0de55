using Tidemark.Catalog;

namespace Tidemark.Diff;

/// <summary>Tables: create, drop, and table-level settings; columns, constraints and the rest are delegated.</summary>
internal static class TableDiffer
{
    public static void Diff(DiffContext ctx)
    {
        var dropped = ctx.From.Tables.Where(t => ctx.ToIx.FindTable(t.Name) is null).ToList();
        foreach (var t in dropped)
        {
            ctx.DroppedTables.Add(t.Name);
        }

        foreach (var t in dropped.OrderByDescending(t => Depth(ctx.FromIx, t)).ThenBy(t => t.Name))
        {
            ctx.Add(DiffPhase.DropTables, ChangeKind.Drop, t.Key, "DROP TABLE " + t.Name, Hazards.DataLoss | Hazards.Breaking,
                "the table and its rows are removed");
        }

        foreach (var t in ctx.To.Tables.OrderBy(t => Depth(ctx.ToIx, t)).ThenBy(t => t.Name))
        {
            var old = ctx.FromIx.FindTable(t.Name);
            if (old is null)
            {
                Create(ctx, t);
            }
            else if (old == t)
            {
                TablePartsDiffer.DiffUnchanged(ctx, t);
                continue;
            }
            else
            {
                AlterSettings(ctx, old, t);
                ColumnDiffer.Diff(ctx, old, t);
            }

            TablePartsDiffer.Diff(ctx, old, t);
        }

        TablePartsDiffer.DropForeignKeysOfDroppedTables(ctx);
        Persistence(ctx);
    }

    /// <summary>
    /// SET LOGGED / SET UNLOGGED in an order PostgreSQL accepts: a permanent table cannot reference an unlogged
    /// one (nor an unlogged table a permanent one). So tables becoming unlogged go referencing-first, tables
    /// becoming logged go referenced-first. The foreign keys that matter are those that exist while these
    /// statements run: kept in both models (dropped ones are gone already, new ones are added later).
    /// </summary>
    private static void Persistence(DiffContext ctx)
    {
        var changed = ctx.To.Tables
            .Where(t => t.PartitionKey is null && ctx.FromIx.FindTable(t.Name) is { } old && old.Persistence != t.Persistence)
            .ToList();
        if (changed.Count == 0)
        {
            return;
        }

        var references = new Dictionary<QualifiedName, List<QualifiedName>>();
        foreach (var t in ctx.To.Tables)
        {
            var old = ctx.FromIx.FindTable(t.Name);
            foreach (var c in t.Constraints)
            {
                if (c.ForeignKey is { } fk && fk.ReferencedTable != t.Name && old?.FindConstraint(c.Name) is { ForeignKey: not null })
                {
                    (references.TryGetValue(t.Name, out var list) ? list : references[t.Name] = []).Add(fk.ReferencedTable);
                }
            }
        }

        // Depth of a table in the "references" graph: how long the chain of tables it references is (cycle-safe).
        int Height(QualifiedName name, HashSet<QualifiedName> seen)
        {
            if (!references.TryGetValue(name, out var targets) || !seen.Add(name))
            {
                return 0;
            }

            var h = 1 + targets.Max(r => Height(r, seen));
            seen.Remove(name);
            return h;
        }

        var toUnlogged = changed.Where(t => t.Persistence == TablePersistence.Unlogged).OrderByDescending(t => Height(t.Name, [])).ThenBy(t => t.Name);
        var toLogged = changed.Where(t => t.Persistence == TablePersistence.Permanent).OrderBy(t => Height(t.Name, [])).ThenBy(t => t.Name);
        foreach (var t in toUnlogged.Concat(toLogged))
        {
            ctx.Add(DiffPhase.AlterTables, ChangeKind.Alter, t.Key, "ALTER TABLE " + t.Name + (t.Persistence == TablePersistence.Unlogged ? " SET UNLOGGED" : " SET LOGGED"),
                Hazards.TableRewrite | Hazards.AccessExclusiveLock, "changing persistence rewrites the table under an exclusive lock");
        }
    }

    /// <summary>Inheritance/partition depth: parents are created first and dropped last.</summary>
    private static int Depth(ModelIndex model, TableInfo t)
    {
        var depth = 0;
        var current = t;
        while (current is not null && depth < 64)
        {
            var parent = current.PartitionOf ?? (current.Inherits.Count > 0 ? current.Inherits[0] : null);
            if (parent is null)
            {
                break;
            }

            depth++;
            current = model.FindTable(parent.Value);
        }

        return depth;
    }

    /// <summary>Columns a table gets from its INHERITS parents (not declared on it).</summary>
    public static HashSet<string> InheritedColumns(ModelIndex model, TableInfo t)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in t.Inherits)
        {
            foreach (var c in model.FindTable(p)?.Columns ?? [])
            {
                names.Add(c.Name);
            }
        }

        return names;
    }

    private static void Create(DiffContext ctx, TableInfo t)
    {
        var sql = "CREATE " + (t.Persistence == TablePersistence.Unlogged ? "UNLOGGED " : "") + "TABLE " + t.Name;
        var inline = t.Constraints.Where(c => c.Kind != ConstraintKind.ForeignKey && !c.NotValid).ToList();
        if (t.PartitionOf is { } parent)
        {
            sql += " PARTITION OF " + parent + " " + t.PartitionBound;
            inline.Clear();
        }
        else
        {
            var inherited = InheritedColumns(ctx.ToIx, t);
            var parts = t.Columns.Where(c => !inherited.Contains(c.Name)).Select(ColumnDiffer.Definition)
                .Concat(inline.Select(c => "CONSTRAINT " + Sql.Q(c.Name) + " " + TablePartsDiffer.Definition(c))).ToList();
            sql += " (" + (parts.Count == 0 ? "" : "\n  " + string.Join(",\n  ", parts) + "\n") + ")";
            if (t.Inherits.Count > 0)
            {
                sql += " INHERITS (" + string.Join(", ", t.Inherits) + ")";
            }
        }

        if (t.PartitionKey is not null)
        {
            sql += " PARTITION BY " + t.PartitionKey;
        }

        // A child's TOAST table can appear only later in the diff (a parent's column retyped or added to a
        // toastable type propagates to it); PostgreSQL silently drops a toast.* parameter of a table that has
        // none yet, so a child's are set after every column change, like those of an altered table.
        var hasParent = t.PartitionOf is not null || t.Inherits.Count > 0;
        var later = hasParent ? t.Options.Where(o => o.StartsWith("toast.", StringComparison.Ordinal)).ToList() : [];
        var now = t.Options.Except(later).ToList();
        if (now.Count > 0)
        {
            sql += " WITH (" + string.Join(", ", now) + ")";
        }

        ctx.Add(DiffPhase.CreateTables, ChangeKind.Create, t.Key, sql);
        if (later.Count > 0)
        {
            ctx.Add(DiffPhase.TableOptions, ChangeKind.Alter, t.Key, "ALTER TABLE " + t.Name + " SET (" + string.Join(", ", later) + ")");
        }

        foreach (var c in t.Constraints.Where(c => c.Kind != ConstraintKind.ForeignKey && !inline.Contains(c)))
        {
            TablePartsDiffer.AddConstraint(ctx, t, c, existingTable: false);
        }

        if (t.RowSecurity)
        {
            ctx.Add(DiffPhase.AlterTables, ChangeKind.Alter, t.Key, "ALTER TABLE " + t.Name + " ENABLE ROW LEVEL SECURITY");
        }

        if (t.ForceRowSecurity)
        {
            ctx.Add(DiffPhase.AlterTables, ChangeKind.Alter, t.Key, "ALTER TABLE " + t.Name + " FORCE ROW LEVEL SECURITY");
        }

        Sql.Comment(ctx, t.Key, "TABLE " + t.Name, null, t.Comment);
        foreach (var c in t.Columns)
        {
            Sql.Comment(ctx, ObjectKey.Column(t.Name, c.Name), "COLUMN " + t.Name + "." + Sql.Q(c.Name), null, c.Comment);
        }
    }

    private static void AlterSettings(DiffContext ctx, TableInfo old, TableInfo t)
    {
        var alter = "ALTER TABLE " + t.Name;
        if (old.PartitionKey != t.PartitionKey || old.PartitionOf != t.PartitionOf || old.PartitionBound != t.PartitionBound)
        {
            ctx.Unsupported($"table {t.Name}: partitioning changes ({old.PartitionKey ?? old.PartitionBound} -> {t.PartitionKey ?? t.PartitionBound}); recreate it with a migration");
        }

        foreach (var p in old.Inherits.Where(p => !t.Inherits.Contains(p)))
        {
            ctx.Add(DiffPhase.AlterTables, ChangeKind.Alter, t.Key, alter + " NO INHERIT " + p);
        }

        foreach (var p in t.Inherits.Where(p => !old.Inherits.Contains(p)))
        {
            ctx.Add(DiffPhase.AlterTables, ChangeKind.Alter, t.Key, alter + " INHERIT " + p);
        }

        if (old.Options != t.Options)
        {
            static string OptionName(string o) => o.Split('=')[0];
            var removed = old.Options.Select(OptionName).Except(t.Options.Select(OptionName)).ToList();
            var set = t.Options.Except(old.Options).ToList();
            if (removed.Count > 0)
            {
                ctx.Add(DiffPhase.TableOptions, ChangeKind.Alter, t.Key, alter + " RESET (" + string.Join(", ", removed) + ")");
            }

            if (set.Count > 0)
            {
                ctx.Add(DiffPhase.TableOptions, ChangeKind.Alter, t.Key, alter + " SET (" + string.Join(", ", set) + ")");
            }
        }

        if (old.RowSecurity != t.RowSecurity)
        {
            ctx.Add(DiffPhase.AlterTables, ChangeKind.Alter, t.Key, alter + (t.RowSecurity ? " ENABLE" : " DISABLE") + " ROW LEVEL SECURITY");
        }

        if (old.ForceRowSecurity != t.ForceRowSecurity)
        {
            ctx.Add(DiffPhase.AlterTables, ChangeKind.Alter, t.Key, alter + (t.ForceRowSecurity ? " FORCE" : " NO FORCE") + " ROW LEVEL SECURITY");
        }

        Sql.Comment(ctx, t.Key, "TABLE " + t.Name, old.Comment, t.Comment);
    }
}
