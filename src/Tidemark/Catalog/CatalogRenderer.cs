using System.Globalization;
using System.Text;

namespace Tidemark.Catalog;

/// <summary>Readable forms of a <see cref="SchemaModel"/> for <c>tidemark inspect</c>: text summary, JSON, Mermaid ER diagram.</summary>
internal static partial class CatalogRenderer
{
    /// <summary>The full model as indented JSON (camelCase, enums as strings, nulls omitted).</summary>
    public static string ToJson(SchemaModel model) => CatalogJson.Serialize(model);

    /// <summary>A readable summary: per schema its types, sequences, tables (columns, constraints, indexes, triggers, policies), views and routines, then counts.</summary>
    public static string ToText(SchemaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sb = new StringBuilder();
        foreach (var schema in model.Schemas)
        {
            sb.Append("schema ").Append(Identifiers.Quote(schema.Name)).Append(Comment(schema.Comment)).AppendLine();
            var name = schema.Name;
            foreach (var e in model.Extensions.Where(e => e.Schema == name))
            {
                sb.Append("  extension ").Append(e.Name).Append(' ').Append(e.Version).AppendLine();
            }

            foreach (var e in model.Enums.Where(e => e.Name.Schema == name))
            {
                sb.Append("  enum ").Append(e.Name).Append(" (").AppendJoin(", ", e.Labels.Select(Identifiers.Literal)).Append(')')
                    .Append(Comment(e.Comment)).AppendLine();
            }

            foreach (var d in model.Domains.Where(d => d.Name.Schema == name))
            {
                sb.Append("  domain ").Append(d.Name).Append(' ').Append(d.BaseType).Append(Attr(" COLLATE ", d.Collation))
                    .Append(Attr(" DEFAULT ", d.Default)).Append(d.NotNull ? " NOT NULL" : "")
                    .AppendJoin("", d.Checks.Select(c => " CONSTRAINT " + Identifiers.Quote(c.Name) + " " + c.Definition))
                    .Append(Comment(d.Comment)).AppendLine();
            }

            foreach (var c in model.CompositeTypes.Where(c => c.Name.Schema == name))
            {
                sb.Append("  type ").Append(c.Name).Append(" (")
                    .AppendJoin(", ", c.Attributes.Select(a => Identifiers.Quote(a.Name) + " " + a.Type + Attr(" COLLATE ", a.Collation)))
                    .Append(')').Append(Comment(c.Comment)).AppendLine();
            }

            foreach (var s in model.Sequences.Where(s => s.Name.Schema == name))
            {
                sb.Append(CultureInfo.InvariantCulture, $"  sequence {s.Name} {s.DataType} start {s.Start} increment {s.Increment} min {s.Min} max {s.Max} cache {s.Cache}")
                    .Append(s.Cycle ? " cycle" : "").Append(s.OwnedBy is { } o ? " owned by " + o : "").Append(Comment(s.Comment)).AppendLine();
            }

            foreach (var t in model.Tables.Where(t => t.Name.Schema == name))
            {
                AppendTable(sb, t);
            }

            foreach (var v in model.Views.Where(v => v.Name.Schema == name))
            {
                AppendView(sb, v);
            }

            foreach (var f in model.Functions.Where(f => f.Name.Schema == name))
            {
                sb.Append("  ").Append(f.Kind.ToString().ToLowerInvariant()).Append(' ').Append(f.Name).Append('(').Append(f.Arguments).Append(')')
                    .Append(Attr(" returns ", f.ReturnType)).Append(" [").Append(f.Language).Append(", ").Append(f.Volatility.ToString().ToLowerInvariant())
                    .Append(f.Strict ? ", strict" : "").Append(f.SecurityDefiner ? ", security definer" : "")
                    .AppendJoin("", f.Config.Select(c => ", set " + c)).Append(']').Append(Comment(f.Comment)).AppendLine();
            }

            sb.AppendLine();
        }

        AppendCounts(sb, model);
        return sb.ToString();
    }

    private static void AppendTable(StringBuilder sb, TableInfo t)
    {
        sb.Append("  ").Append(t.Persistence == TablePersistence.Unlogged ? "unlogged table " : "table ").Append(t.Name);
        if (t.PartitionKey is not null)
        {
            sb.Append(" partition by ").Append(t.PartitionKey);
        }

        if (t.PartitionOf is { } parent)
        {
            sb.Append(" partition of ").Append(parent).Append(' ').Append(t.PartitionBound);
        }

        if (!t.Inherits.IsEmpty)
        {
            sb.Append(" inherits (").AppendJoin(", ", t.Inherits).Append(')');
        }

        if (!t.Options.IsEmpty)
        {
            sb.Append(" with (").AppendJoin(", ", t.Options).Append(')');
        }

        sb.Append(t.RowSecurity ? " [row level security" + (t.ForceRowSecurity ? ", forced]" : "]") : "").Append(Comment(t.Comment)).AppendLine();
        var width = t.Columns.Count == 0 ? 0 : t.Columns.Max(c => Identifiers.Quote(c.Name).Length);
        foreach (var c in t.Columns)
        {
            sb.Append("    ").Append(Identifiers.Quote(c.Name).PadRight(width)).Append(' ').Append(c.Type).Append(Attr(" COLLATE ", c.Collation))
                .Append(c.NotNull ? " NOT NULL" : "").Append(Attr(" DEFAULT ", c.Default))
                .Append(c.Identity is { } id ? (id.Kind == IdentityKind.Always ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY") : "")
                .Append(c.Generated is null ? "" : " GENERATED ALWAYS AS (" + c.Generated + ") STORED").Append(Comment(c.Comment)).AppendLine();
        }

        foreach (var c in t.Constraints)
        {
            sb.Append("    constraint ").Append(Identifiers.Quote(c.Name)).Append(' ').Append(c.Definition).Append(Comment(c.Comment)).AppendLine();
        }

        foreach (var i in t.Indexes)
        {
            sb.Append("    index ").Append(IndexSummary(i)).Append(Comment(i.Comment)).AppendLine();
        }

        foreach (var tr in t.Triggers)
        {
            sb.Append("    trigger ").Append(Identifiers.Quote(tr.Name)).Append(" -> ").Append(tr.Function)
                .Append(tr.Enabled == TriggerEnabled.Origin ? "" : " [" + tr.Enabled.ToString().ToLowerInvariant() + "]").Append(Comment(tr.Comment)).AppendLine();
        }

        foreach (var p in t.Policies)
        {
            sb.Append("    policy ").Append(Identifiers.Quote(p.Name)).Append(p.Permissive ? "" : " restrictive").Append(" for ")
                .Append(p.Command.ToString().ToUpperInvariant()).Append(" to ").AppendJoin(", ", p.Roles)
                .Append(Attr(" using ", p.Using)).Append(Attr(" with check ", p.WithCheck)).Append(Comment(p.Comment)).AppendLine();
        }
    }

    private static void AppendView(StringBuilder sb, ViewInfo v)
    {
        sb.Append("  ").Append(v.Materialized ? "materialized view " : "view ").Append(v.Name).Append(" (")
            .AppendJoin(", ", v.Columns.Select(c => Identifiers.Quote(c.Name) + " " + c.Type)).Append(')');
        if (!v.Options.IsEmpty)
        {
            sb.Append(" with (").AppendJoin(", ", v.Options).Append(')');
        }

        sb.Append(Comment(v.Comment)).AppendLine();
        foreach (var i in v.Indexes)
        {
            sb.Append("    index ").Append(IndexSummary(i)).Append(Comment(i.Comment)).AppendLine();
        }

        foreach (var tr in v.Triggers)
        {
            sb.Append("    trigger ").Append(Identifiers.Quote(tr.Name)).Append(" -> ").Append(tr.Function).AppendLine();
        }
    }

    private static string IndexSummary(IndexInfo i)
    {
        var sb = new StringBuilder(Identifiers.Quote(i.Name)).Append(i.Unique ? " unique " : " ").Append(i.Method).Append(" (");
        sb.AppendJoin(", ", i.Keys.Select(k => k + Attr(" COLLATE ", k.Collation) + Attr(" ", k.OpClass) + (k.Descending ? " DESC" : "")
            + (k.NullsFirst != k.Descending ? (k.NullsFirst ? " NULLS FIRST" : " NULLS LAST") : ""))).Append(')');
        if (!i.Include.IsEmpty)
        {
            sb.Append(" include (").AppendJoin(", ", i.Include.Select(Identifiers.Quote)).Append(')');
        }

        return sb.Append(i.NullsNotDistinct ? " nulls not distinct" : "").Append(Attr(" where ", i.Predicate)).Append(i.Valid ? "" : " [INVALID]").ToString();
    }

    private static void AppendCounts(StringBuilder sb, SchemaModel m)
    {
        var tables = m.Tables;
        sb.Append(CultureInfo.InvariantCulture,
            $"{m.Schemas.Count} schemas, {tables.Count} tables, {tables.Sum(t => t.Columns.Count)} columns, " +
            $"{tables.Sum(t => t.Constraints.Count)} constraints ({tables.Sum(t => t.Constraints.Count(c => c.Kind == ConstraintKind.ForeignKey))} foreign keys), " +
            $"{tables.Sum(t => t.Indexes.Count + t.Constraints.Count(c => c.Index is not null)) + m.Views.Sum(v => v.Indexes.Count)} indexes, " +
            $"{m.Views.Count(v => !v.Materialized)} views, {m.Views.Count(v => v.Materialized)} materialized views, " +
            $"{m.Functions.Count} functions, {m.Enums.Count + m.Domains.Count + m.CompositeTypes.Count} types, {m.Sequences.Count} sequences, " +
            $"{tables.Sum(t => t.Triggers.Count) + m.Views.Sum(v => v.Triggers.Count)} triggers, {tables.Sum(t => t.Policies.Count)} policies, " +
            $"{m.Extensions.Count} extensions").AppendLine();
    }

    private static string Attr(string prefix, string? value) => value is null ? "" : prefix + value;

    private static string Comment(string? comment) => comment is null ? "" : "  -- " + comment.ReplaceLineEndings(" ");
}
