using System.Text;
using System.Text.RegularExpressions;

namespace Tidemark.Sources;

/// <summary>How a migration file carries its up and down SQL.</summary>
internal enum SectionStyle
{
    /// <summary>The whole file is the up SQL.</summary>
    None,

    /// <summary>dbmate: <c>-- migrate:up [transaction:false]</c> and <c>-- migrate:down</c> sections.</summary>
    Dbmate,

    /// <summary>goose: <c>-- +goose Up</c>, <c>-- +goose Down</c>, <c>StatementBegin/End</c>, <c>NO TRANSACTION</c>.</summary>
    Goose,

    /// <summary>sqlx: the whole file; a first line starting with <c>-- no-transaction</c> runs it outside a transaction.</summary>
    Sqlx,
}

/// <summary>The up and down SQL of one sectioned file.</summary>
/// <param name="Up">The file with every line outside the up section emptied (line numbers stay those of the file).</param>
/// <param name="Down">The same for the down section; null when the file has none or it holds no SQL.</param>
/// <param name="NoTransaction">The tool's marker asks to run the up section outside a transaction.</param>
internal sealed record SectionedSqlParts(string Up, string? Down, bool NoTransaction);

/// <summary>
/// Splits dbmate and goose files into their up and down sections. Lines outside a section are
/// replaced by empty lines rather than cut, so an error's line number is the line in the file.
/// The markers are SQL comments, so they are left in place. goose's StatementBegin/StatementEnd only
/// keep goose's own naive splitter away from semicolons inside a function body; Tidemark's lexer
/// already knows dollar quotes and strings, so the block is read as the statements it holds.
/// </summary>
internal static partial class SectionedSql
{
    private enum Section
    {
        Before,
        Up,
        Down,
    }

    public static SectionedSqlParts? Split(SectionStyle style, LoadedFile file) => style switch
    {
        SectionStyle.Dbmate => SplitDbmate(file),
        SectionStyle.Goose => SplitGoose(file),
        SectionStyle.Sqlx => new SectionedSqlParts(file.Text, null, file.Text.StartsWith("-- no-transaction", StringComparison.Ordinal)),
        _ => null,
    };

    private static SectionedSqlParts SplitDbmate(LoadedFile file)
    {
        var noTransaction = false;
        var sawUp = false;
        var parts = SplitLines(file, line =>
        {
            var m = DbmateMarker().Match(line);
            if (!m.Success)
            {
                return null;
            }

            var options = m.Groups["options"].Value;
            if (m.Groups["dir"].Value.Equals("up", StringComparison.OrdinalIgnoreCase))
            {
                sawUp = true;
                noTransaction = options.Contains("transaction:false", StringComparison.OrdinalIgnoreCase);
                return Section.Up;
            }

            return Section.Down;
        });
        if (!sawUp)
        {
            throw new MigrationSourceException(file.Path, "has no `-- migrate:up` line, which every dbmate migration needs", "add `-- migrate:up` above the SQL to apply (and `-- migrate:down` above the SQL that undoes it)");
        }

        return parts with { NoTransaction = noTransaction };
    }

    private static SectionedSqlParts SplitGoose(LoadedFile file)
    {
        var noTransaction = false;
        var sawUp = false;
        var lineNumber = 0;
        var parts = SplitLines(file, line =>
        {
            lineNumber++;
            var m = GooseMarker().Match(line);
            if (!m.Success)
            {
                return null;
            }

            var word = string.Join(" ", m.Groups["word"].Value.ToUpperInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            switch (word)
            {
                case "UP":
                    sawUp = true;
                    return Section.Up;
                case "DOWN":
                    return Section.Down;
                case "NO TRANSACTION":
                    noTransaction = true;
                    return null;
                case "STATEMENTBEGIN" or "STATEMENTEND" or "ENVSUB OFF":
                    return null;
                default:
                    throw new MigrationSourceException(
                        file.Path,
                        $"line {lineNumber}: the goose annotation `{line.Trim()}` is not supported (Tidemark reads Up, Down, StatementBegin, StatementEnd and NO TRANSACTION)",
                        "write the SQL without it (for ENVSUB: put the values in the file), or run this migration with goose");
            }
        });
        if (!sawUp)
        {
            throw new MigrationSourceException(file.Path, "has no `-- +goose Up` annotation, which every goose SQL migration needs", "add `-- +goose Up` above the SQL to apply (and `-- +goose Down` above the SQL that undoes it)");
        }

        return parts with { NoTransaction = noTransaction };
    }

    /// <summary>Walks the lines; <paramref name="marker"/> returns the section a line opens, or null for an ordinary line.</summary>
    private static SectionedSqlParts SplitLines(LoadedFile file, Func<string, Section?> marker)
    {
        var up = new StringBuilder(file.Text.Length);
        var down = new StringBuilder();
        var hasDown = false;
        var section = Section.Before;
        var text = file.Text;
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            var next = end < 0 ? text.Length : end + 1;
            var line = text[start..next];
            var content = line.TrimEnd('\r', '\n');
            var opened = marker(content);
            var eol = line[content.Length..];
            if (opened is { } s)
            {
                section = s;
                hasDown |= s == Section.Down;
                up.Append(eol);
                down.Append(eol);
            }
            else
            {
                up.Append(section == Section.Up ? line : eol);
                down.Append(section == Section.Down ? line : eol);
            }

            start = next;
        }

        var downText = down.ToString();
        return new SectionedSqlParts(up.ToString(), hasDown && !string.IsNullOrWhiteSpace(downText) ? downText : null, false);
    }

    [GeneratedRegex(@"^\s*--\s*migrate:(?<dir>up|down)\b(?<options>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DbmateMarker();

    [GeneratedRegex(@"^\s*--\s*\+goose\s+(?<word>NO\s+TRANSACTION|ENVSUB\s+\w+|\w+)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GooseMarker();
}
