using Tidemark.Catalog;

namespace Tidemark.Diff;

/// <summary>Schemas and extensions.</summary>
internal static class NamespaceDiffer
{
    public static void Diff(DiffContext ctx)
    {
        foreach (var s in ctx.To.Schemas)
        {
            var old = ctx.FromIx.FindSchema(s.Name);
            if (old is null)
            {
                ctx.Add(DiffPhase.CreateSchemas, ChangeKind.Create, s.Key, "CREATE SCHEMA " + Sql.Q(s.Name));
            }

            Sql.Comment(ctx, s.Key, "SCHEMA " + Sql.Q(s.Name), old?.Comment, s.Comment);
        }

        foreach (var s in ctx.From.Schemas)
        {
            if (ctx.ToIx.FindSchema(s.Name) is null)
            {
                ctx.Add(DiffPhase.DropSchemas, ChangeKind.Drop, s.Key, "DROP SCHEMA " + Sql.Q(s.Name), Hazards.Breaking,
                    "objects in it can no longer be found by name");
            }
        }

        var fromExt = ctx.From.Extensions.ToDictionary(e => e.Name, StringComparer.Ordinal);
        var toExt = ctx.To.Extensions.ToDictionary(e => e.Name, StringComparer.Ordinal);
        foreach (var e in ctx.To.Extensions)
        {
            if (!fromExt.TryGetValue(e.Name, out var old))
            {
                ctx.Add(DiffPhase.CreateExtensions, ChangeKind.Create, e.Key,
                    "CREATE EXTENSION " + Sql.Q(e.Name) + " WITH SCHEMA " + Sql.Q(e.Schema) + " VERSION " + Sql.Literal(e.Version));
            }
            else
            {
                if (!string.Equals(old.Schema, e.Schema, StringComparison.Ordinal))
                {
                    ctx.Add(DiffPhase.CreateExtensions, ChangeKind.Alter, e.Key, "ALTER EXTENSION " + Sql.Q(e.Name) + " SET SCHEMA " + Sql.Q(e.Schema));
                }

                if (!string.Equals(old.Version, e.Version, StringComparison.Ordinal))
                {
                    ctx.Add(DiffPhase.CreateExtensions, ChangeKind.Alter, e.Key, "ALTER EXTENSION " + Sql.Q(e.Name) + " UPDATE TO " + Sql.Literal(e.Version));
                }
            }

            Sql.Comment(ctx, e.Key, "EXTENSION " + Sql.Q(e.Name), old?.Comment, e.Comment);
        }

        foreach (var e in ctx.From.Extensions)
        {
            if (!toExt.ContainsKey(e.Name))
            {
                ctx.Add(DiffPhase.DropExtensions, ChangeKind.Drop, e.Key, "DROP EXTENSION " + Sql.Q(e.Name), Hazards.Breaking,
                    "its types and functions disappear");
            }
        }
    }
}
