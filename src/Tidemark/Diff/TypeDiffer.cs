using Tidemark.Catalog;

namespace Tidemark.Diff;

/// <summary>Enums, domains and composite types.</summary>
internal static class TypeDiffer
{
    public static void Diff(DiffContext ctx)
    {
        var creates = new List<(ObjectKey Key, Action Emit)>();
        foreach (var e in ctx.To.Enums)
        {
            var old = ctx.FromIx.FindEnum(e.Name);
            if (old is null)
            {
                creates.Add((e.Key, () => ctx.Add(DiffPhase.Types, ChangeKind.Create, e.Key, CreateEnum(e))));
            }
            else if (old.Labels != e.Labels)
            {
                EnumChanges.Alter(ctx, old, e);
            }

            Sql.Comment(ctx, e.Key, "TYPE " + e.Name, old?.Comment, e.Comment);
        }

        foreach (var d in ctx.To.Domains)
        {
            var old = ctx.FromIx.FindDomain(d.Name);
            if (old is null)
            {
                creates.Add((d.Key, () => CreateDomain(ctx, d)));
            }
            else
            {
                AlterDomain(ctx, old, d);
            }

            Sql.Comment(ctx, d.Key, "DOMAIN " + d.Name, old?.Comment, d.Comment);
        }

        foreach (var c in ctx.To.CompositeTypes)
        {
            var old = ctx.FromIx.FindCompositeType(c.Name);
            if (old is null)
            {
                creates.Add((c.Key, () => ctx.Add(DiffPhase.Types, ChangeKind.Create, c.Key,
                    "CREATE TYPE " + c.Name + " AS (" + string.Join(", ", c.Attributes.Select(Attribute)) + ")")));
            }
            else
            {
                AlterComposite(ctx, old, c);
            }

            Sql.Comment(ctx, c.Key, "TYPE " + c.Name, old?.Comment, c.Comment);
            foreach (var a in c.Attributes)
            {
                var oldAttr = old?.Attributes.FirstOrDefault(x => x.Name == a.Name);
                Sql.Comment(ctx, ObjectKey.Column(c.Name, a.Name), "COLUMN " + c.Name + "." + Sql.Q(a.Name), oldAttr?.Comment, a.Comment);
            }
        }

        foreach (var (_, emit) in Sql.TopoSort(creates, x => x.Key, ctx.ToIx.DependenciesOf))
        {
            emit();
        }

        var drops = new List<(ObjectKey Key, string Sql)>();
        drops.AddRange(ctx.From.Enums.Where(e => ctx.ToIx.FindEnum(e.Name) is null).Select(e => (e.Key, "DROP TYPE " + e.Name)));
        drops.AddRange(ctx.From.Domains.Where(d => ctx.ToIx.FindDomain(d.Name) is null).Select(d => (d.Key, "DROP DOMAIN " + d.Name)));
        drops.AddRange(ctx.From.CompositeTypes.Where(c => ctx.ToIx.FindCompositeType(c.Name) is null).Select(c => (c.Key, "DROP TYPE " + c.Name)));
        var ordered = Sql.TopoSort(drops, x => x.Key, ctx.FromIx.DependenciesOf);
        for (var i = ordered.Count - 1; i >= 0; i--)
        {
            ctx.Add(DiffPhase.DropTypes, ChangeKind.Drop, ordered[i].Key, ordered[i].Sql, Hazards.DataLoss, "values of this type can no longer be stored");
        }
    }

    public static string CreateEnum(EnumInfo e) =>
        "CREATE TYPE " + e.Name + " AS ENUM (" + string.Join(", ", e.Labels.Select(Sql.Literal)) + ")";

    private static string Attribute(CompositeAttributeInfo a) =>
        Sql.Q(a.Name) + " " + a.Type + (a.Collation is null ? "" : " COLLATE " + a.Collation);

    private static void CreateDomain(DiffContext ctx, DomainInfo d)
    {
        var sql = "CREATE DOMAIN " + d.Name + " AS " + d.BaseType;
        if (d.Collation is not null)
        {
            sql += " COLLATE " + d.Collation;
        }

        if (d.Default is not null)
        {
            sql += " DEFAULT " + d.Default;
        }

        if (d.NotNull)
        {
            sql += " NOT NULL";
        }

        ctx.Add(DiffPhase.Types, ChangeKind.Create, d.Key, sql);
        foreach (var c in d.Checks)
        {
            ctx.Add(DiffPhase.Types, ChangeKind.Create, ObjectKey.Constraint(d.Name, c.Name),
                "ALTER DOMAIN " + d.Name + " ADD CONSTRAINT " + Sql.Q(c.Name) + " " + c.Definition);
            Sql.Comment(ctx, ObjectKey.Constraint(d.Name, c.Name), "CONSTRAINT " + Sql.Q(c.Name) + " ON DOMAIN " + d.Name, null, c.Comment);
        }
    }

    private static void AlterDomain(DiffContext ctx, DomainInfo old, DomainInfo d)
    {
        var name = "ALTER DOMAIN " + d.Name;
        if (!string.Equals(old.BaseType, d.BaseType, StringComparison.Ordinal) || !string.Equals(old.Collation, d.Collation, StringComparison.Ordinal))
        {
            ctx.Unsupported($"domain {d.Name}: base type or collation changes from {old.BaseType} {old.Collation} to {d.BaseType} {d.Collation}; PostgreSQL cannot alter it in place and columns use it");
        }

        if (!string.Equals(old.Default, d.Default, StringComparison.Ordinal))
        {
            ctx.Add(DiffPhase.Types, ChangeKind.Alter, d.Key, name + (d.Default is null ? " DROP DEFAULT" : " SET DEFAULT " + d.Default));
        }

        if (old.NotNull != d.NotNull)
        {
            ctx.Add(DiffPhase.Types, ChangeKind.Alter, d.Key, name + (d.NotNull ? " SET NOT NULL" : " DROP NOT NULL"),
                d.NotNull ? Hazards.FullTableScan : Hazards.None, d.NotNull ? "every column of this domain is checked for nulls" : null);
        }

        foreach (var c in old.Checks)
        {
            var now = d.Checks.FirstOrDefault(x => x.Name == c.Name);
            if (now is null || (now.Expression != c.Expression))
            {
                ctx.Add(DiffPhase.Types, ChangeKind.Drop, ObjectKey.Constraint(d.Name, c.Name), name + " DROP CONSTRAINT " + Sql.Q(c.Name));
            }
        }

        foreach (var c in d.Checks)
        {
            var key = ObjectKey.Constraint(d.Name, c.Name);
            var was = old.Checks.FirstOrDefault(x => x.Name == c.Name);
            if (was is null || was.Expression != c.Expression)
            {
                ctx.Add(DiffPhase.Types, ChangeKind.Create, key, name + " ADD CONSTRAINT " + Sql.Q(c.Name) + " " + c.Definition,
                    c.NotValid ? Hazards.None : Hazards.FullTableScan, c.NotValid ? null : "every column of this domain is checked");
                was = null;
            }
            else if (was.NotValid && !c.NotValid)
            {
                ctx.Add(DiffPhase.Types, ChangeKind.Alter, key, name + " VALIDATE CONSTRAINT " + Sql.Q(c.Name), Hazards.FullTableScan,
                    "every column of this domain is checked");
            }

            Sql.Comment(ctx, key, "CONSTRAINT " + Sql.Q(c.Name) + " ON DOMAIN " + d.Name, was?.Comment, c.Comment);
        }
    }

    private static void AlterComposite(DiffContext ctx, CompositeTypeInfo old, CompositeTypeInfo c)
    {
        var name = "ALTER TYPE " + c.Name;
        foreach (var a in old.Attributes)
        {
            if (!c.Attributes.Any(x => x.Name == a.Name))
            {
                ctx.Add(DiffPhase.Types, ChangeKind.Drop, ObjectKey.Column(c.Name, a.Name), name + " DROP ATTRIBUTE " + Sql.Q(a.Name),
                    Hazards.DataLoss, "values stored in this attribute are lost");
            }
        }

        foreach (var a in c.Attributes)
        {
            var was = old.Attributes.FirstOrDefault(x => x.Name == a.Name);
            if (was is null)
            {
                ctx.Add(DiffPhase.Types, ChangeKind.Create, ObjectKey.Column(c.Name, a.Name), name + " ADD ATTRIBUTE " + Attribute(a));
            }
            else if (was.Type != a.Type || was.Collation != a.Collation)
            {
                ctx.Add(DiffPhase.Types, ChangeKind.Alter, ObjectKey.Column(c.Name, a.Name),
                    name + " ALTER ATTRIBUTE " + Sql.Q(a.Name) + " SET DATA TYPE " + a.Type + (a.Collation is null ? "" : " COLLATE " + a.Collation),
                    Hazards.DataLoss, "stored values are converted");
            }
        }

        var kept = old.Attributes.Where(a => c.Attributes.Any(x => x.Name == a.Name)).Select(a => a.Name).ToList();
        var target = c.Attributes.Where(a => kept.Contains(a.Name)).Select(a => a.Name).ToList();
        var appended = c.Attributes.Skip(kept.Count).All(a => !kept.Contains(a.Name));
        if (!kept.SequenceEqual(target) || !appended)
        {
            ctx.Unsupported($"composite type {c.Name}: attribute order changes; ALTER TYPE can only append attributes");
        }
    }
}
