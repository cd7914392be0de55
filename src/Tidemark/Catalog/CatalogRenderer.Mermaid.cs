using System.Text;
using System.Text.RegularExpressions;

namespace Tidemark.Catalog;

/// <summary>The Mermaid ER diagram.</summary>
internal static partial class CatalogRenderer
{
    /// <summary>
    /// A Mermaid <c>erDiagram</c> of the tables (columns with PK/FK/UK markers) and one relationship per foreign key:
    /// the referenced side is exactly-one when every FK column is NOT NULL (else zero-or-one); the referencing side is
    /// zero-or-one when the FK columns are unique, else zero-or-more.
    /// </summary>
    public static string ToMermaid(SchemaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sb = new StringBuilder("erDiagram\n");
        foreach (var t in model.Tables)
        {
            var pk = t.PrimaryKey?.Columns.ToHashSet(StringComparer.Ordinal) ?? [];
            var fk = t.Constraints.Where(c => c.Kind == ConstraintKind.ForeignKey).SelectMany(c => c.Columns).ToHashSet(StringComparer.Ordinal);
            var uk = t.Constraints.Where(c => c.Kind == ConstraintKind.Unique && c.Columns.Count == 1).Select(c => c.Columns[0]).ToHashSet(StringComparer.Ordinal);
            sb.Append("    ").Append(Entity(t.Name)).Append(" {\n");
            foreach (var c in t.Columns)
            {
                var keys = new List<string>();
                if (pk.Contains(c.Name))
                {
                    keys.Add("PK");
                }

                if (fk.Contains(c.Name))
                {
                    keys.Add("FK");
                }

                if (uk.Contains(c.Name))
                {
                    keys.Add("UK");
                }

                sb.Append("        ").Append(Word(c.Type)).Append(' ').Append(Word(c.Name));
                if (keys.Count > 0)
                {
                    sb.Append(' ').AppendJoin(", ", keys);
                }

                if (c.Comment is not null)
                {
                    sb.Append(" \"").Append(Label(c.Comment)).Append('"');
                }

                sb.Append('\n');
            }

            sb.Append("    }\n");
        }

        foreach (var t in model.Tables)
        {
            foreach (var c in t.Constraints.Where(c => c.ForeignKey is not null))
            {
                var mandatory = c.Columns.All(col => t.FindColumn(col)?.NotNull == true);
                var unique = t.Constraints.Any(u => u.Kind is ConstraintKind.PrimaryKey or ConstraintKind.Unique
                    && u.Columns.Count == c.Columns.Count && u.Columns.All(c.Columns.Contains));
                sb.Append("    ").Append(Entity(c.ForeignKey!.ReferencedTable)).Append(mandatory ? " ||--" : " |o--").Append(unique ? "o| " : "o{ ")
                    .Append(Entity(t.Name)).Append(" : \"").Append(Label(c.Name)).Append("\"\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>A quoted Mermaid entity name, <c>"schema.name"</c> (Mermaid forbids only <c>"</c> and <c>%</c> inside).</summary>
    private static string Entity(QualifiedName name) => "\"" + Label(name.Schema + "." + name.Name).Replace('%', '_') + "\"";

    private static string Word(string text)
    {
        var w = NonWord().Replace(text, "_").Trim('_');
        return w.Length == 0 ? "_" : w;
    }

    private static string Label(string text) => text.Replace("\"", "'", StringComparison.Ordinal).ReplaceLineEndings(" ");

    [GeneratedRegex("[^A-Za-z0-9_]+")]
    private static partial Regex NonWord();
}
