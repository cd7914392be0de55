using Tidemark.Catalog;

namespace Tidemark.Diff;

/// <summary>
/// Enum label changes: new labels are added in place with <c>ADD VALUE ... BEFORE/AFTER</c>; removed or reordered
/// labels need the type recreated (rename, create, convert every column through text, drop the old type).
/// </summary>
internal static class EnumChanges
{
    public static void Alter(DiffContext ctx, EnumInfo old, EnumInfo e)
    {
        if (IsSubsequence(old.Labels, e.Labels))
        {
            AddValues(ctx, old, e);
        }
        else if (ctx.Options.RecreateEnums)
        {
            Recreate(ctx, old, e);
        }
        else
        {
            ctx.Unsupported($"enum {e.Name}: labels removed or reordered ({string.Join(", ", old.Labels)} -> {string.Join(", ", e.Labels)}); recreating the type is disabled");
        }
    }

    /// <summary>Whether <paramref name="type"/> (a <c>format_type</c> string, possibly an array) names <paramref name="name"/>.</summary>
    public static bool TypeIs(string type, QualifiedName name, out bool array)
    {
        array = type.EndsWith("[]", StringComparison.Ordinal);
        var bare = array ? type[..^2] : type;
        return bare == name.ToString() || (name.Schema == "public" && bare == Identifiers.Quote(name.Name));
    }

    private static bool IsSubsequence(EquatableArray<string> sub, EquatableArray<string> all)
    {
        var i = 0;
        foreach (var label in all)
        {
            if (i < sub.Count && sub[i] == label)
            {
                i++;
            }
        }

        return i == sub.Count;
    }

    private static void AddValues(DiffContext ctx, EnumInfo old, EnumInfo e)
    {
        var existing = old.Labels.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < e.Labels.Count; i++)
        {
            var label = e.Labels[i];
            if (existing.Contains(label))
            {
                continue;
            }

            var position = i > 0 ? " AFTER " + Sql.Literal(e.Labels[i - 1]) : (e.Labels.Count > 1 ? " BEFORE " + Sql.Literal(e.Labels[1]) : "");
            ctx.Add(DiffPhase.Types, ChangeKind.Alter, e.Key, "ALTER TYPE " + e.Name + " ADD VALUE " + Sql.Literal(label) + position,
                reason: "the new label is usable only after this commits", requiresCommit: true);
        }
    }

    private static void Recreate(DiffContext ctx, EnumInfo old, EnumInfo e)
    {
        var columns = new List<(TableInfo Table, ColumnInfo Column, bool Array)>();
        foreach (var t in ctx.From.Tables)
        {
            if (t.PartitionOf is not null)
            {
                continue;
            }

            // A column a child inherits is converted by its parent's ALTER (it recurses); altering it on the child fails.
            var inherited = TableDiffer.InheritedColumns(ctx.FromIx, t);
            foreach (var c in t.Columns)
            {
                if (!inherited.Contains(c.Name)
                    && TypeIs(c.Type, old.Name, out var array) && ctx.ToIx.FindTable(t.Name)?.FindColumn(c.Name) is { } target && target.Type == c.Type)
                {
                    columns.Add((t, c, array));
                }
            }
        }

        ctx.RecreatedTypes.Add(e.Key);
        var oldName = new QualifiedName(e.Name.Schema, e.Name.Name + "__tidemark_old");
        var hazards = Hazards.DataLoss | (columns.Count > 0 ? Hazards.TableRewrite | Hazards.AccessExclusiveLock : Hazards.None);
        const string why = "labels are removed or reordered: the type is recreated and rows holding a removed label make the conversion fail";
        ctx.Add(DiffPhase.Types, ChangeKind.Alter, e.Key, "ALTER TYPE " + e.Name + " RENAME TO " + Sql.Q(oldName.Name), hazards, why);
        ctx.Add(DiffPhase.Types, ChangeKind.Create, e.Key, TypeDiffer.CreateEnum(e));
        foreach (var (t, c, array) in columns)
        {
            var key = ObjectKey.Column(t.Name, c.Name);
            ctx.ReshapedColumns.Add(key);
            var alter = "ALTER TABLE " + t.Name + " ALTER COLUMN " + Sql.Q(c.Name);
            if (c.Default is not null)
            {
                ctx.Add(DiffPhase.Types, ChangeKind.Alter, key, alter + " DROP DEFAULT");
            }

            var suffix = array ? "[]" : "";
            ctx.Add(DiffPhase.Types, ChangeKind.Alter, key,
                alter + " TYPE " + e.Name + suffix + " USING " + Sql.Q(c.Name) + "::text" + suffix + "::" + e.Name + suffix,
                Hazards.TableRewrite | Hazards.AccessExclusiveLock | Hazards.DataLoss, "converted to the recreated enum through text");
            var targetDefault = ctx.ToIx.FindTable(t.Name)?.FindColumn(c.Name)?.Default;
            if (c.Default is not null && targetDefault is not null)
            {
                ctx.Add(DiffPhase.Types, ChangeKind.Alter, key, alter + " SET DEFAULT " + targetDefault);
            }
        }

        ctx.Add(DiffPhase.Types, ChangeKind.Drop, e.Key, "DROP TYPE " + oldName);
    }
}
