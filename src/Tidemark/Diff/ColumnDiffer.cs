using System.Globalization;
using System.Text.RegularExpressions;
using Tidemark.Catalog;

namespace Tidemark.Diff;

/// <summary>Column changes of an existing table: ALTER in place whenever PostgreSQL can, drop+add only for generated expressions.</summary>
internal static partial class ColumnDiffer
{
    private static readonly HashSet<string> VolatileBuiltins = new(StringComparer.Ordinal)
    {
        "random", "nextval", "clock_timestamp", "timeofday", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc",
        "uuid_generate_v4", "txid_current", "setseed", "gen_random_bytes",
    };

    public static void Diff(DiffContext ctx, TableInfo old, TableInfo t)
    {
        if (t.PartitionOf is not null)
        {
            return; // a partition's columns are its parent's
        }

        // Columns a table gets from its INHERITS parents are the parents' business: added, changed and dropped there
        // (PostgreSQL recurses to the children), never repeated on the child.
        var inherited = TableDiffer.InheritedColumns(ctx.ToIx, t);
        var wasInherited = TableDiffer.InheritedColumns(ctx.FromIx, old);
        foreach (var c in old.Columns)
        {
            // A column inherited from a parent goes with the parent's (dropping it on the child fails).
            if (t.FindColumn(c.Name) is null && !inherited.Contains(c.Name) && !wasInherited.Contains(c.Name))
            {
                Drop(ctx, t, c, "the column and its values are removed", Hazards.DataLoss | Hazards.Breaking);
            }
        }

        foreach (var c in t.Columns)
        {
            if (inherited.Contains(c.Name))
            {
                continue;
            }

            var was = old.FindColumn(c.Name);
            if (was is null)
            {
                if (!Add(ctx, t, c))
                {
                    continue;
                }
            }
            else if (was with { Comment = null } != c with { Comment = null })
            {
                Alter(ctx, t, was, c);
            }

            var columnKey = ObjectKey.Column(t.Name, c.Name);
            Sql.Comment(ctx, columnKey, "COLUMN " + t.Name + "." + Sql.Q(c.Name), ctx.RecreatedColumns.Contains(columnKey) ? null : was?.Comment, c.Comment);
        }

        // Column order is not significant (queries name their columns; adoption, drift and fingerprints ignore
        // it): ALTER TABLE can only append, so a column that comes back is appended, and the script says so.
        var kept = old.Columns.Select(c => c.Name).Where(n => t.FindColumn(n) is not null).ToList();
        var order = t.Columns.Select(c => c.Name).Where(n => old.FindColumn(n) is not null).ToList();
        var firstNew = t.Columns.ToList().FindIndex(c => old.FindColumn(c.Name) is null);
        var lastKept = t.Columns.ToList().FindLastIndex(c => old.FindColumn(c.Name) is not null);
        if (!kept.SequenceEqual(order) || (firstNew >= 0 && firstNew < lastKept))
        {
            var appended = t.Columns.Where(c => old.FindColumn(c.Name) is null && !inherited.Contains(c.Name)).Select(c => c.Name).ToList();
            ctx.Note($"table {t.Name}: " + (appended.Count > 0
                ? $"{string.Join(", ", appended)} {(appended.Count == 1 ? "is" : "are")} appended after the existing columns (ALTER TABLE can only append), so the column order differs from ({string.Join(", ", t.Columns.Select(c => c.Name))}); column order is not significant"
                : $"the column order differs from ({string.Join(", ", t.Columns.Select(c => c.Name))}) and is kept; column order is not significant"));
        }
    }

    /// <summary>A column definition as in CREATE TABLE / ADD COLUMN.</summary>
    public static string Definition(ColumnInfo c)
    {
        var sql = Sql.Q(c.Name) + " " + c.Type;
        if (c.Collation is not null)
        {
            sql += " COLLATE " + c.Collation;
        }

        if (c.Generated is not null)
        {
            sql += " GENERATED ALWAYS AS (" + c.Generated + ") STORED";
        }
        else if (c.Default is not null)
        {
            sql += " DEFAULT " + c.Default;
        }

        if (c.NotNull)
        {
            sql += " NOT NULL";
        }

        if (c.Identity is { } id)
        {
            sql += " GENERATED " + (id.Kind == IdentityKind.Always ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY (SEQUENCE NAME " + id.SequenceName
                + " " + SequenceDiffer.Options(id.Start, id.Increment, id.Min, id.Max, id.Cache, id.Cycle) + ")";
        }

        return sql;
    }

    private static void Drop(DiffContext ctx, TableInfo t, ColumnInfo c, string reason, Hazards hazards)
    {
        var key = ObjectKey.Column(t.Name, c.Name);
        ctx.DroppedColumns.Add(key);
        ctx.ReshapedColumns.Add(key);
        ctx.Add(DiffPhase.DropColumns, ChangeKind.Drop, key, "ALTER TABLE " + t.Name + " DROP COLUMN " + Sql.Q(c.Name), hazards, reason);
    }

    /// <summary>Adds a column; false (reported as unsupported, nothing emitted) when PostgreSQL cannot add it.</summary>
    private static bool Add(DiffContext ctx, TableInfo t, ColumnInfo c)
    {
        if (c.Identity is not null && ExistingChildren(ctx, t) is { Count: > 0 } children)
        {
            ctx.Unsupported($"table {t.Name}: the identity column {c.Name} cannot be added while the table has inheritance children ({string.Join(", ", children)}): "
                + "PostgreSQL refuses it; write this step as a migration (detach the children with NO INHERIT, add the column, give each child its own column, attach them again)");
            return false;
        }

        var hazards = Hazards.None;
        string? reason = null;
        if (c.Generated is not null || c.Identity is not null || (c.Default is not null && IsVolatile(ctx, c.Default)))
        {
            hazards = Hazards.TableRewrite | Hazards.AccessExclusiveLock;
            reason = "every existing row gets its own computed value, so the table is rewritten";
        }

        if (c.NotNull && c.Default is null && c.Generated is null && c.Identity is null)
        {
            reason = "fails if the table has rows: a NOT NULL column without a default";
        }

        // A table that gets new children in this diff has its columns added before they are created: they then
        // inherit them (PostgreSQL refuses to add an identity column to a table that already has children, and a
        // child's own CHECK or index may use an inherited column).
        var phase = HasNewChildren(ctx, t) ? DiffPhase.AddParentColumns : DiffPhase.AlterTables;
        ctx.Add(phase, ChangeKind.Create, ObjectKey.Column(t.Name, c.Name), "ALTER TABLE " + t.Name + " ADD COLUMN " + Definition(c), hazards, reason);
        return true;
    }

    /// <summary>INHERITS children the table has before the diff and keeps after it.</summary>
    private static List<QualifiedName> ExistingChildren(DiffContext ctx, TableInfo t) =>
        [.. ctx.ChildrenBefore[t.Name].Where(child => ctx.ToIx.FindTable(child.Name) is { } now && now.Inherits.Contains(t.Name)).Select(child => child.Name)];

    private static bool HasNewChildren(DiffContext ctx, TableInfo t) => ctx.ParentsOfNewTables.Contains(t.Name);

    private static void Alter(DiffContext ctx, TableInfo t, ColumnInfo was, ColumnInfo c)
    {
        var key = ObjectKey.Column(t.Name, c.Name);
        var alter = "ALTER TABLE " + t.Name + " ALTER COLUMN " + Sql.Q(c.Name);
        if (was.Generated != c.Generated)
        {
            if (!GeneratedChange(ctx, t, was, c, alter))
            {
                return;
            }

            was = was with { Generated = null, Default = null };
        }

        if (was.Identity is not null && c.Identity is null)
        {
            ctx.Add(DiffPhase.AlterTables, ChangeKind.Alter, key, alter + " DROP IDENTITY", Hazards.Breaking,
                "the column no longer generates its values (its sequence is dropped): inserts that leave it out get NULL or fail");
        }

        var typeChanged = was.Type != c.Type;
        var defaultReset = was.Default is not null && typeChanged;
        if (defaultReset)
        {
            ctx.Add(DiffPhase.AlterTables, ChangeKind.Alter, key, alter + " DROP DEFAULT", reason: "the default is set again after the type change");
        }

        if (typeChanged || was.Collation != c.Collation)
        {
            ctx.ReshapedColumns.Add(key);
            var change = ColumnTypes.Classify(was.Type, c.Type);
            var sql = alter + " TYPE " + c.Type;
            if (c.Collation is not null)
            {
                sql += " COLLATE " + c.Collation;
            }
            else if (was.Collation is not null)
            {
                sql += " COLLATE pg_catalog.\"default\"";
            }

            if (change.NeedsUsing)
            {
                sql += " USING " + Sql.Q(c.Name) + "::text::" + c.Type;
            }

            var hazards = (change.Rewrite ? Hazards.TableRewrite | Hazards.AccessExclusiveLock : Hazards.None) | (change.Narrowing ? Hazards.DataLoss : Hazards.None);
            var reason = change.Narrowing ? $"{was.Type} -> {c.Type} may truncate or reject existing values"
                : change.Rewrite ? $"{was.Type} -> {c.Type} rewrites the table" : null;
            ctx.Add(DiffPhase.AlterTables, ChangeKind.Alter, key, sql, hazards, reason);
        }

        if (c.NotNull && !was.NotNull)
        {
            ctx.Add(DiffPhase.AlterTables, ChangeKind.Alter, key, alter + " SET NOT NULL", Hazards.FullTableScan | Hazards.AccessExclusiveLock,
                "every row is checked for nulls while the table is locked against reads and writes");
        }

        if (defaultReset ? c.Default is not null : was.Default != c.Default)
        {
            ctx.Add(DiffPhase.AlterTables, ChangeKind.Alter, key, alter + (c.Default is null ? " DROP DEFAULT" : " SET DEFAULT " + c.Default));
        }

        if (c.Identity is { } id)
        {
            if (was.Identity is not { } prev)
            {
                ctx.Add(DiffPhase.AlterTables, ChangeKind.Alter, key, alter + " ADD GENERATED " + (id.Kind == IdentityKind.Always ? "ALWAYS" : "BY DEFAULT")
                    + " AS IDENTITY (SEQUENCE NAME " + id.SequenceName + " " + SequenceDiffer.Options(id.Start, id.Increment, id.Min, id.Max, id.Cache, id.Cycle) + ")");
            }
            else if (prev with { DataType = id.DataType } != id)
            {
                var sets = new List<string>();
                if (prev.Kind != id.Kind)
                {
                    sets.Add("SET GENERATED " + (id.Kind == IdentityKind.Always ? "ALWAYS" : "BY DEFAULT"));
                }

                AddIf(sets, prev.Start != id.Start, "SET START WITH " + Num(id.Start));
                AddIf(sets, prev.Increment != id.Increment, "SET INCREMENT BY " + Num(id.Increment));
                AddIf(sets, prev.Min != id.Min, "SET MINVALUE " + Num(id.Min));
                AddIf(sets, prev.Max != id.Max, "SET MAXVALUE " + Num(id.Max));
                AddIf(sets, prev.Cache != id.Cache, "SET CACHE " + Num(id.Cache));
                AddIf(sets, prev.Cycle != id.Cycle, id.Cycle ? "SET CYCLE" : "SET NO CYCLE");
                if (prev.SequenceName != id.SequenceName)
                {
                    ctx.Unsupported($"identity column {t.Name}.{Sql.Q(c.Name)}: its sequence is renamed from {prev.SequenceName} to {id.SequenceName}");
                }

                if (sets.Count > 0)
                {
                    ctx.Add(DiffPhase.AlterTables, ChangeKind.Alter, key, alter + " " + string.Join(" ", sets));
                }
            }
        }

        if (!c.NotNull && was.NotNull)
        {
            ctx.Add(DiffPhase.AlterTables, ChangeKind.Alter, key, alter + " DROP NOT NULL");
        }
    }

    /// <summary>
    /// A change of the GENERATED expression. Stored generated → plain keeps every value (<c>DROP EXPRESSION</c>,
    /// PostgreSQL 13+); a new expression is set in place from PostgreSQL 17 (<c>SET EXPRESSION</c>, recomputed for
    /// every row); otherwise the column is dropped and added again: a plain column that becomes generated loses
    /// its stored values (DataLoss). Returns true when the column now exists as a plain column whose remaining
    /// attributes (type, default, NOT NULL...) the caller still has to bring to <paramref name="c"/>.
    /// </summary>
    private static bool GeneratedChange(DiffContext ctx, TableInfo t, ColumnInfo was, ColumnInfo c, string alter)
    {
        var key = ObjectKey.Column(t.Name, c.Name);
        if (c.Generated is null)
        {
            ctx.Add(DiffPhase.AlterTables, ChangeKind.Alter, key, alter + " DROP EXPRESSION",
                reason: "the column keeps its stored values and is no longer computed");
            return true;
        }

        if (was.Generated is not null && ctx.To.ServerVersionNum >= 170000 && ctx.From.ServerVersionNum >= 170000 && was.Type == c.Type)
        {
            ctx.ReshapedColumns.Add(key);
            ctx.Add(DiffPhase.AlterTables, ChangeKind.Alter, key, alter + " SET EXPRESSION AS (" + c.Generated + ")",
                Hazards.TableRewrite | Hazards.AccessExclusiveLock, "the new expression is computed for every row: the table is rewritten");
            if (was.NotNull != c.NotNull)
            {
                ctx.Add(DiffPhase.AlterTables, ChangeKind.Alter, key, alter + (c.NotNull ? " SET NOT NULL" : " DROP NOT NULL"),
                    c.NotNull ? Hazards.FullTableScan | Hazards.AccessExclusiveLock : Hazards.None);
            }

            return false;
        }

        var loses = was.Generated is null;
        Drop(ctx, t, was,
            loses ? "a plain column becomes generated: its stored values are dropped and replaced by computed ones"
                : "the generated expression changes: the column is dropped and added again (PostgreSQL 17 sets it in place)",
            Hazards.TableRewrite | Hazards.AccessExclusiveLock | (loses ? Hazards.DataLoss | Hazards.Breaking : Hazards.None));
        ctx.Add(DiffPhase.AlterTables, ChangeKind.Create, key, "ALTER TABLE " + t.Name + " ADD COLUMN " + Definition(c),
            Hazards.TableRewrite | Hazards.AccessExclusiveLock, "the generated column is computed for every row");
        ctx.RecreatedColumns.Add(key);
        return false;
    }

    private static void AddIf(List<string> list, bool condition, string item)
    {
        if (condition)
        {
            list.Add(item);
        }
    }

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether a default expression calls a volatile function (so adding the column rewrites the table).</summary>
    private static bool IsVolatile(DiffContext ctx, string expression)
    {
        foreach (Match m in CallRegex().Matches(expression))
        {
            var name = m.Groups["name"].Value;
            var bare = name.Contains('.', StringComparison.Ordinal) ? name[(name.LastIndexOf('.') + 1)..] : name;
            if (VolatileBuiltins.Contains(bare))
            {
                return true;
            }

            if (ctx.To.Functions.Any(f => f.Name.Name == bare && f.Volatility == Volatility.Volatile))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"(?<!::\s*)(?<![A-Za-z0-9_""])(?<name>[A-Za-z_][A-Za-z0-9_.]*)\s*\(")]
    private static partial Regex CallRegex();
}
