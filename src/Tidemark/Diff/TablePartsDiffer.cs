using Tidemark.Catalog;

namespace Tidemark.Diff;

/// <summary>Constraints, indexes, triggers and policies of one table (new or existing).</summary>
internal static class TablePartsDiffer
{
    /// <summary>Diffs the parts of <paramref name="t"/>; <paramref name="old"/> is null for a new table (constraints were created inline).</summary>
    public static void Diff(DiffContext ctx, TableInfo? old, TableInfo t)
    {
        var existing = old is not null;
        foreach (var c in old?.Constraints ?? [])
        {
            var now = t.FindConstraint(c.Name);
            if (now is null || (Strip(now) != Strip(c) && !IsValidation(c, now)) || MustRecreateForeignKey(ctx, c))
            {
                DropConstraint(ctx, t.Name, c);
            }
        }

        foreach (var c in t.Constraints)
        {
            var was = old?.FindConstraint(c.Name);
            var key = ObjectKey.Constraint(t.Name, c.Name);
            if (existing && (was is null || (Strip(was) != Strip(c) && !IsValidation(was, c)) || MustRecreateForeignKey(ctx, was)))
            {
                AddConstraint(ctx, t, c, existingTable: true);
                was = null;
            }
            else if (was is not null && IsValidation(was, c))
            {
                ctx.Add(DiffPhase.AddConstraints, ChangeKind.Alter, key, "ALTER TABLE " + t.Name + " VALIDATE CONSTRAINT " + Sql.Q(c.Name),
                    Hazards.FullTableScan, "every row is checked (SHARE UPDATE EXCLUSIVE lock: writes continue)");
            }
            else if (!existing && c.Kind == ConstraintKind.ForeignKey)
            {
                AddConstraint(ctx, t, c, existingTable: false);
            }

            Sql.Comment(ctx, key, "CONSTRAINT " + Sql.Q(c.Name) + " ON " + t.Name, was?.Comment, c.Comment);
            if (c.Index is not null)
            {
                Sql.Comment(ctx, ObjectKey.Index(new QualifiedName(t.Name.Schema, c.Index.Name)), "INDEX " + new QualifiedName(t.Name.Schema, c.Index.Name),
                    was?.Index?.Comment, c.Index.Comment);
            }
        }

        DiffIndexes(ctx, t.Name, old?.Indexes ?? [], t.Indexes, t.IsPartitioned, DiffPhase.CreateIndexes);
        DiffTriggers(ctx, t.Name, old?.Triggers ?? [], t.Triggers);
        DiffPolicies(ctx, t.Name, old?.Policies ?? [], t.Policies);
    }

    /// <summary>
    /// An unchanged table still needs foreign keys recreated when the key they reference is recreated, and
    /// triggers recreated when their function is.
    /// </summary>
    public static void DiffUnchanged(DiffContext ctx, TableInfo t)
    {
        foreach (var c in t.Constraints)
        {
            if (c.Kind == ConstraintKind.ForeignKey && MustRecreateForeignKey(ctx, c))
            {
                DropConstraint(ctx, t.Name, c);
                AddConstraint(ctx, t, c, existingTable: true);
            }
        }

        if (ctx.RecreatedFunctions.Count > 0 && t.Triggers.Count > 0)
        {
            DiffTriggers(ctx, t.Name, t.Triggers, t.Triggers);
        }
    }

    /// <summary>Drops foreign keys (of surviving or dropped tables) that point at a dropped table, so tables can be dropped in any order.</summary>
    public static void DropForeignKeysOfDroppedTables(DiffContext ctx)
    {
        foreach (var t in ctx.From.Tables)
        {
            if (!ctx.DroppedTables.Contains(t.Name))
            {
                continue;
            }

            foreach (var c in t.Constraints)
            {
                if (c.ForeignKey is { } fk && fk.ReferencedTable != t.Name && ctx.DroppedTables.Contains(fk.ReferencedTable))
                {
                    DropConstraint(ctx, t.Name, c);
                }
            }
        }

        foreach (var t in ctx.From.Tables.Where(t => !ctx.DroppedTables.Contains(t.Name)))
        {
            var target = ctx.ToIx.FindTable(t.Name);
            foreach (var c in t.Constraints)
            {
                // surviving tables whose FK still exists in the target but points at a dropped table cannot happen
                // (the target would reference a missing table); FKs removed from the target were dropped by Diff.
                if (c.ForeignKey is { } fk && ctx.DroppedTables.Contains(fk.ReferencedTable) && target?.FindConstraint(c.Name) is not null)
                {
                    ctx.Unsupported($"foreign key {c.Name} on {t.Name} references dropped table {fk.ReferencedTable}");
                }
            }
        }
    }

    public static void AddConstraint(DiffContext ctx, TableInfo t, ConstraintInfo c, bool existingTable)
    {
        var hazards = Hazards.None;
        string? reason = null;
        if (existingTable)
        {
            switch (c.Kind)
            {
                case ConstraintKind.ForeignKey when !c.NotValid:
                    hazards = Hazards.FullTableScan;
                    reason = "every existing row is checked (writes to both tables wait); add it NOT VALID and VALIDATE later";
                    break;
                case ConstraintKind.Check when !c.NotValid:
                    hazards = Hazards.FullTableScan | Hazards.AccessExclusiveLock;
                    reason = "every existing row is checked while the table is locked; add it NOT VALID and VALIDATE later";
                    break;
                case ConstraintKind.PrimaryKey or ConstraintKind.Unique or ConstraintKind.Exclude:
                    hazards = Hazards.AccessExclusiveLock;
                    reason = "its index is built while the table is locked; build the index CONCURRENTLY first and add the constraint USING INDEX";
                    break;
            }
        }

        var phase = c.Kind == ConstraintKind.ForeignKey ? DiffPhase.AddForeignKeys : DiffPhase.AddConstraints;
        ctx.Add(phase, ChangeKind.Create, ObjectKey.Constraint(t.Name, c.Name),
            "ALTER TABLE " + t.Name + " ADD CONSTRAINT " + Sql.Q(c.Name) + " " + Definition(c), hazards, reason);
    }

    /// <summary>
    /// The constraint as written after <c>CONSTRAINT name</c>. <c>pg_get_constraintdef</c> leaves out the index
    /// storage parameters of PRIMARY KEY and UNIQUE constraints, so they are put back (<c>WITH (fillfactor=80)</c>).
    /// </summary>
    public static string Definition(ConstraintInfo c)
    {
        var def = c.Definition;
        if (c.Kind is not (ConstraintKind.PrimaryKey or ConstraintKind.Unique) || c.Index is not { Options.Count: > 0 } index
            || def.Contains(" WITH (", StringComparison.Ordinal))
        {
            return def;
        }

        var with = " WITH (" + string.Join(", ", index.Options) + ")";
        foreach (var tail in new[] { " NOT DEFERRABLE", " DEFERRABLE", " INITIALLY" })
        {
            var at = def.IndexOf(tail, StringComparison.Ordinal);
            if (at >= 0)
            {
                return def[..at] + with + def[at..];
            }
        }

        return def + with;
    }

    private static ConstraintInfo Strip(ConstraintInfo c) => c with { Comment = null, Index = c.Index is null ? null : c.Index with { Comment = null } };

    private static bool IsValidation(ConstraintInfo was, ConstraintInfo now) =>
        was.NotValid && !now.NotValid && Strip(was) with { NotValid = false, Definition = now.Definition } == Strip(now);

    /// <summary>A foreign key must be dropped and added again when the key it references is dropped or recreated.</summary>
    private static bool MustRecreateForeignKey(DiffContext ctx, ConstraintInfo c)
    {
        if (c.ForeignKey is not { } fk || ctx.DroppedTables.Contains(fk.ReferencedTable))
        {
            return false;
        }

        var before = ctx.FromIx.FindTable(fk.ReferencedTable);
        var after = ctx.ToIx.FindTable(fk.ReferencedTable);
        if (before is null || after is null)
        {
            return false;
        }

        foreach (var k in before.Constraints)
        {
            if (k.Kind is ConstraintKind.PrimaryKey or ConstraintKind.Unique && k.Columns == fk.ReferencedColumns
                && (after.FindConstraint(k.Name) is not { } kept || Strip(kept) != Strip(k)))
            {
                return true;
            }
        }

        return false;
    }

    private static void DropConstraint(DiffContext ctx, QualifiedName table, ConstraintInfo c)
    {
        var phase = c.Kind == ConstraintKind.ForeignKey ? DiffPhase.DropForeignKeys : DiffPhase.DropConstraints;
        ctx.Add(phase, ChangeKind.Drop, ObjectKey.Constraint(table, c.Name), "ALTER TABLE " + table + " DROP CONSTRAINT " + Sql.Q(c.Name));
    }

    public static void DiffIndexes(DiffContext ctx, QualifiedName table, EquatableArray<IndexInfo> before, EquatableArray<IndexInfo> after, bool partitioned, DiffPhase createPhase)
    {
        foreach (var i in before)
        {
            var now = after.FirstOrDefault(x => x.Name == i.Name);
            if (now is null || now with { Comment = null } != i with { Comment = null })
            {
                var name = new QualifiedName(table.Schema, i.Name);
                ctx.Add(DiffPhase.DropIndexes, ChangeKind.Drop, ObjectKey.Index(name), "DROP INDEX " + name);
            }
        }

        foreach (var i in after)
        {
            var name = new QualifiedName(table.Schema, i.Name);
            var was = before.FirstOrDefault(x => x.Name == i.Name);
            if (was is null || was with { Comment = null } != i with { Comment = null })
            {
                var sql = i.Definition;
                if (partitioned)
                {
                    sql = sql.Replace(" ON ONLY ", " ON ", StringComparison.Ordinal);
                }

                ctx.Add(createPhase, ChangeKind.Create, ObjectKey.Index(name), Sql.Trim(sql));
                was = null;
            }

            Sql.Comment(ctx, ObjectKey.Index(name), "INDEX " + name, was?.Comment, i.Comment);
        }
    }

    public static void DiffTriggers(DiffContext ctx, QualifiedName table, EquatableArray<TriggerInfo> before, EquatableArray<TriggerInfo> after)
    {
        bool Recreated(TriggerInfo t) =>
            ctx.RecreatedFunctions.Contains(new ObjectKey("function:" + t.Function)) || ctx.ReadsReshapedColumn(ObjectKey.Trigger(table, t.Name));
        foreach (var tr in before)
        {
            var now = after.FirstOrDefault(x => x.Name == tr.Name);
            if (now is null || now with { Comment = null } != tr with { Comment = null } || Recreated(tr))
            {
                ctx.Add(DiffPhase.DropTriggers, ChangeKind.Drop, ObjectKey.Trigger(table, tr.Name), "DROP TRIGGER " + Sql.Q(tr.Name) + " ON " + table);
            }
        }

        foreach (var tr in after)
        {
            var key = ObjectKey.Trigger(table, tr.Name);
            var was = before.FirstOrDefault(x => x.Name == tr.Name);
            if (was is null || was with { Comment = null } != tr with { Comment = null } || Recreated(tr))
            {
                ctx.Add(DiffPhase.Triggers, ChangeKind.Create, key, Sql.Trim(tr.Definition));
                if (tr.Enabled != TriggerEnabled.Origin)
                {
                    var mode = tr.Enabled switch
                    {
                        TriggerEnabled.Disabled => "DISABLE",
                        TriggerEnabled.Replica => "ENABLE REPLICA",
                        _ => "ENABLE ALWAYS",
                    };
                    ctx.Add(DiffPhase.Triggers, ChangeKind.Alter, key, "ALTER TABLE " + table + " " + mode + " TRIGGER " + Sql.Q(tr.Name));
                }

                was = null;
            }

            Sql.Comment(ctx, key, "TRIGGER " + Sql.Q(tr.Name) + " ON " + table, was?.Comment, tr.Comment);
        }
    }

    private static void DiffPolicies(DiffContext ctx, QualifiedName table, EquatableArray<PolicyInfo> before, EquatableArray<PolicyInfo> after)
    {
        foreach (var p in before)
        {
            var now = after.FirstOrDefault(x => x.Name == p.Name);
            if (now is null || (now with { Comment = null } != p with { Comment = null } && !CanAlter(p, now)) || ctx.ReadsReshapedColumn(ObjectKey.Policy(table, p.Name)))
            {
                ctx.Add(DiffPhase.DropPolicies, ChangeKind.Drop, ObjectKey.Policy(table, p.Name), "DROP POLICY " + Sql.Q(p.Name) + " ON " + table);
            }
        }

        foreach (var p in after)
        {
            var key = ObjectKey.Policy(table, p.Name);
            var was = before.FirstOrDefault(x => x.Name == p.Name);
            if (was is null || (was with { Comment = null } != p with { Comment = null } && !CanAlter(was, p)) || ctx.ReadsReshapedColumn(key))
            {
                var sql = "CREATE POLICY " + Sql.Q(p.Name) + " ON " + table + " AS " + (p.Permissive ? "PERMISSIVE" : "RESTRICTIVE")
                    + " FOR " + p.Command.ToString().ToUpperInvariant() + " TO " + Roles(p);
                ctx.Add(DiffPhase.Policies, ChangeKind.Create, key, sql + Expressions(p));
                was = null;
            }
            else if (was with { Comment = null } != p with { Comment = null })
            {
                ctx.Add(DiffPhase.Policies, ChangeKind.Alter, key, "ALTER POLICY " + Sql.Q(p.Name) + " ON " + table + " TO " + Roles(p) + Expressions(p));
            }

            Sql.Comment(ctx, key, "POLICY " + Sql.Q(p.Name) + " ON " + table, was?.Comment, p.Comment);
        }
    }

    private static bool CanAlter(PolicyInfo was, PolicyInfo now) =>
        was.Permissive == now.Permissive && was.Command == now.Command
        && (was.Using is null || now.Using is not null) && (was.WithCheck is null || now.WithCheck is not null);

    private static string Roles(PolicyInfo p) =>
        p.Roles.Count == 0 ? "PUBLIC" : string.Join(", ", p.Roles.Select(r => r == "public" ? "PUBLIC" : Sql.Q(r)));

    private static string Expressions(PolicyInfo p) =>
        (p.Using is null ? "" : " USING (" + p.Using + ")") + (p.WithCheck is null ? "" : " WITH CHECK (" + p.WithCheck + ")");
}
