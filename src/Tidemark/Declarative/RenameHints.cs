using System.Text.RegularExpressions;
using Tidemark.Catalog;

namespace Tidemark.Declarative;

/// <summary>One declared rename: a table (<see cref="Column"/> null) or a column of <see cref="Table"/> (its new name).</summary>
internal sealed record RenameStep(QualifiedName Table, string? Column, string OldName)
{
    public string Description => Column is null
        ? $"table {Table} renamed from {OldName}"
        : $"column {Table}.{Identifiers.Quote(Column)} renamed from {OldName}";

    /// <summary>Undoes the rename in the desired schema's shadow (new name back to the old one).</summary>
    public string UndoSql => Column is null
        ? $"ALTER TABLE {Table} RENAME TO {Identifiers.Quote(OldName)}"
        : $"ALTER TABLE {Table} RENAME COLUMN {Identifiers.Quote(Column)} TO {Identifiers.Quote(OldName)}";

    /// <summary>The rename as the migration runs it, on the table's name before any table rename.</summary>
    public string Sql(QualifiedName tableBefore) => Column is null
        ? $"ALTER TABLE {new QualifiedName(Table.Schema, OldName)} RENAME TO {Identifiers.Quote(Table.Name)}"
        : $"ALTER TABLE {tableBefore} RENAME COLUMN {Identifiers.Quote(OldName)} TO {Identifiers.Quote(Column)}";
}

/// <summary>
/// Finds <c>-- tidemark:renamed-from old_name</c> hints in a schema file. A hint names the object on its own line
/// (after the definition) or on the line right after it: a <c>CREATE TABLE</c> line renames the table, a line
/// inside a CREATE TABLE body renames the column it starts with. Unquoted names fold to lower case, as in SQL.
/// </summary>
internal static partial class RenameHints
{
    public static IReadOnlyList<RenameStep> Parse(string sql, string path)
    {
        var lines = sql.ReplaceLineEndings("\n").Split('\n');
        var steps = new List<RenameStep>();
        QualifiedName? table = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var code = CodeOf(lines[i]);
            if (CreateTableRegex().Match(code) is { Success: true } ct)
            {
                table = ParseName(ct.Groups["name"].Value);
            }

            var hint = HintRegex().Match(lines[i]);
            if (!hint.Success)
            {
                continue;
            }

            var old = Fold(hint.Groups["old"].Value);
            var target = code.Trim().Length > 0 ? code : NextCode(lines, i + 1);
            if (CreateTableRegex().Match(target) is { Success: true } t)
            {
                steps.Add(new RenameStep(ParseName(t.Groups["name"].Value), null, old));
            }
            else if (table is not null && ColumnRegex().Match(target) is { Success: true } c)
            {
                steps.Add(new RenameStep(table.Value, Fold(c.Groups["col"].Value), old));
            }
            else
            {
                throw new TidemarkException(
                    $"{path}, line {i + 1}: the hint 'tidemark:renamed-from {hint.Groups["old"].Value}' is not on a CREATE TABLE line or a column of a CREATE TABLE.",
                    "Put the hint at the end of the column's line (name text, -- tidemark:renamed-from old_name) or of the CREATE TABLE line.");
            }
        }

        return steps;
    }

    private static string NextCode(string[] lines, int from)
    {
        for (var i = from; i < lines.Length; i++)
        {
            var code = CodeOf(lines[i]);
            if (code.Trim().Length > 0)
            {
                return code;
            }
        }

        return "";
    }

    private static string CodeOf(string line)
    {
        var dash = line.IndexOf("--", StringComparison.Ordinal);
        return dash < 0 ? line : line[..dash];
    }

    private static QualifiedName ParseName(string text)
    {
        var parts = NamePartRegex().Matches(text).Select(m => Fold(m.Value)).ToArray();
        return parts.Length >= 2 ? new QualifiedName(parts[^2], parts[^1]) : new QualifiedName("public", parts[0]);
    }

    private static string Fold(string identifier) =>
        identifier.StartsWith('"') ? identifier[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : identifier.ToLowerInvariant();

    [GeneratedRegex(@"tidemark:renamed-from\s+(?<old>""(?:[^""]|"""")+""|[A-Za-z_][A-Za-z0-9_$]*)")]
    private static partial Regex HintRegex();

    [GeneratedRegex(@"^\s*CREATE\s+(?:(?:UNLOGGED|TEMP|TEMPORARY)\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?<name>(?:(?:""(?:[^""]|"""")+""|[A-Za-z_][A-Za-z0-9_$]*)\s*\.\s*)?(?:""(?:[^""]|"""")+""|[A-Za-z_][A-Za-z0-9_$]*))", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTableRegex();

    [GeneratedRegex(@"^\s*,?\s*(?<col>""(?:[^""]|"""")+""|[A-Za-z_][A-Za-z0-9_$]*)\s")]
    private static partial Regex ColumnRegex();

    [GeneratedRegex(@"""(?:[^""]|"""")+""|[A-Za-z_][A-Za-z0-9_$]*")]
    private static partial Regex NamePartRegex();
}
