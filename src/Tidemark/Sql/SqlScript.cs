namespace Tidemark.Sql;

/// <summary>A 1-based line and column in a script's text (columns count UTF-16 chars).</summary>
internal readonly record struct TextPosition(int Line, int Column)
{
    public override string ToString() => $"line {Line}, column {Column}";
}

/// <summary>What the splitter learned about a statement that changes how it must be run.</summary>
[Flags]
internal enum StatementTraits
{
    None = 0,

    /// <summary>PostgreSQL refuses to run it inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, ...).</summary>
    NoTransaction = 1,

    /// <summary>Explicit transaction control: BEGIN, COMMIT, ROLLBACK, START TRANSACTION, SAVEPOINT, ...</summary>
    TransactionControl = 2,
}

/// <summary>
/// One SQL statement of a script, exactly as written. <see cref="Text"/> is the script's text from
/// <see cref="StartOffset"/> for <see cref="Length"/> chars: it starts at the statement's first
/// token (leading whitespace and comments excluded) and ends before its terminating ';'
/// (or at the end of the script), trailing whitespace excluded (a comment between the last token
/// and the ';' stays part of the text). <see cref="Index"/> is the 0-based position in
/// <see cref="SqlScript.Statements"/>; <see cref="Start"/> is the position of the first char and
/// <see cref="End"/> the position of the last char (inclusive). <see cref="Keyword"/> is the
/// upper-case leading keywords ("CREATE TABLE", "CREATE INDEX", "ALTER TYPE", "INSERT", "BEGIN"),
/// empty when the statement does not start with a word (e.g. "(SELECT 1)").
/// </summary>
internal sealed record SqlStatement(
    int Index,
    string Text,
    int StartOffset,
    int Length,
    TextPosition Start,
    TextPosition End,
    StatementTraits Traits,
    string Keyword)
{
    public bool RequiresNoTransaction => (Traits & StatementTraits.NoTransaction) != 0;

    public bool IsTransactionControl => (Traits & StatementTraits.TransactionControl) != 0;
}

/// <summary>
/// A script split into statements, with position lookups for error reporting. Lines end at '\n'
/// (in CRLF text the '\r' is the last char of its line); columns count UTF-16 chars from 1. A byte
/// order mark (U+FEFF) at offset 0 is char 0 of line 1: the splitter skips it as whitespace, so a
/// statement right after it starts at offset 1, column 2.
/// </summary>
internal sealed class SqlScript
{
    private readonly int[] _lineStarts;

    public SqlScript(string sourceName, string text, IReadOnlyList<SqlStatement> statements)
    {
        SourceName = sourceName;
        Text = text;
        Statements = statements;
        var starts = new List<int> { 0 };
        var at = 0;
        while (at < text.Length)
        {
            var rel = text.AsSpan(at).IndexOf('\n');
            if (rel < 0)
            {
                break;
            }

            at += rel + 1;
            starts.Add(at);
        }

        _lineStarts = [.. starts];
    }

    public string SourceName { get; }

    public string Text { get; }

    public IReadOnlyList<SqlStatement> Statements { get; }

    /// <summary>The 1-based line and column of a 0-based char offset in <see cref="Text"/>.</summary>
    public TextPosition PositionAt(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var idx = Array.BinarySearch(_lineStarts, offset);
        var line = idx >= 0 ? idx : ~idx - 1;
        return new TextPosition(line + 1, offset - _lineStarts[line] + 1);
    }

    /// <summary>The text of a 1-based line, without its line terminator.</summary>
    public string LineText(int line)
    {
        if (line < 1 || line > _lineStarts.Length)
        {
            return string.Empty;
        }

        var start = _lineStarts[line - 1];
        var end = line < _lineStarts.Length ? _lineStarts[line] : Text.Length;
        return Text[start..end].TrimEnd('\n', '\r');
    }
}
