namespace Tidemark.Sql;

/// <summary>
/// A single-pass PostgreSQL lexer (the rules of the server's scan.l with
/// standard_conforming_strings = on), producing just enough tokens to split and classify statements.
/// Whitespace and comments are skipped; a UTF-8 byte order mark (U+FEFF) at offset 0 counts as
/// whitespace. Scanning inside literals and comments uses vectorized span searches, so the cost is
/// linear in the text and allocation-free; errors carry the position where the bad construct starts.
/// </summary>
internal sealed class SqlLexer
{
    private const string MetaCommandNextStep =
        "Tidemark runs SQL, not psql scripts; replace \\i with the file's contents, \\set variables with " +
        "literal values, \\connect with a separate migration source for that database, and \\copy with " +
        "INSERT statements or a server-side COPY.";

    private readonly SqlScript _script;
    private readonly string _text;
    private int _pos;

    public SqlLexer(SqlScript script)
    {
        _script = script;
        _text = script.Text;
        _pos = _text.Length > 0 && _text[0] == '\uFEFF' ? 1 : 0;
    }

    /// <summary>Reads the next token, skipping whitespace and comments; false at the end of the text.</summary>
    public bool Next(out SqlToken token)
    {
        var text = _text;
        var pos = SkipTrivia(_pos);
        if (pos >= text.Length)
        {
            _pos = pos;
            token = default;
            return false;
        }

        var start = pos;
        var c = text[pos];
        var next = pos + 1 < text.Length ? text[pos + 1] : '\0';
        SqlTokenKind kind;
        switch (c)
        {
            case '\'':
                pos = ScanString(start, start + 1, backslashEscapes: false, "string literal '…'");
                kind = SqlTokenKind.String;
                break;
            case '"':
                pos = ScanQuotedIdentifier(start, start + 1, "quoted identifier \"…\"");
                kind = SqlTokenKind.QuotedIdentifier;
                break;
            case '$':
                pos = ScanDollar(start, out kind);
                break;
            case '(':
                pos++;
                kind = SqlTokenKind.OpenParen;
                break;
            case ')':
                pos++;
                kind = SqlTokenKind.CloseParen;
                break;
            case ';':
                pos++;
                kind = SqlTokenKind.Semicolon;
                break;
            case '\\':
                throw MetaCommand(start);
            case >= '0' and <= '9':
                pos = ScanNumber(pos + 1);
                kind = SqlTokenKind.Number;
                break;
            case 'e' or 'E' when next == '\'':
                pos = ScanString(start, start + 2, backslashEscapes: true, "escape string E'…'");
                kind = SqlTokenKind.String;
                break;
            case 'b' or 'B' when next == '\'':
                pos = ScanString(start, start + 2, backslashEscapes: false, "bit-string literal B'…'");
                kind = SqlTokenKind.String;
                break;
            case 'x' or 'X' when next == '\'':
                pos = ScanString(start, start + 2, backslashEscapes: false, "hexadecimal bit-string literal X'…'");
                kind = SqlTokenKind.String;
                break;
            case 'n' or 'N' when next == '\'':
                pos = ScanString(start, start + 2, backslashEscapes: false, "national character string N'…'");
                kind = SqlTokenKind.String;
                break;
            case 'u' or 'U' when next == '&' && pos + 2 < text.Length && text[pos + 2] is '\'' or '"':
                if (text[pos + 2] == '\'')
                {
                    pos = ScanString(start, start + 3, backslashEscapes: false, "Unicode string U&'…'");
                    kind = SqlTokenKind.String;
                }
                else
                {
                    pos = ScanQuotedIdentifier(start, start + 3, "Unicode quoted identifier U&\"…\"");
                    kind = SqlTokenKind.QuotedIdentifier;
                }

                break;
            default:
                if (IsIdentifierStart(c))
                {
                    pos++;
                    while (pos < text.Length && IsIdentifierPart(text[pos]))
                    {
                        pos++;
                    }

                    kind = SqlTokenKind.Word;
                }
                else
                {
                    pos++;
                    kind = SqlTokenKind.Other;
                }

                break;
        }

        _pos = pos;
        token = new SqlToken(kind, start, pos - start);
        return true;
    }

    internal static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    private static bool IsIdentifierStart(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or >= '\u0080';

    private static bool IsIdentifierPart(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '$' or >= '\u0080';

    private static bool IsDollarTagStart(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or >= '\u0080';

    private static bool IsDollarTagPart(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or >= '\u0080';

    private int SkipTrivia(int pos)
    {
        var text = _text;
        while (pos < text.Length)
        {
            var c = text[pos];
            if (IsWhitespace(c))
            {
                pos++;
            }
            else if (c == '-' && pos + 1 < text.Length && text[pos + 1] == '-')
            {
                var eol = text.AsSpan(pos + 2).IndexOfAny('\n', '\r');
                pos = eol < 0 ? text.Length : pos + 2 + eol;
            }
            else if (c == '/' && pos + 1 < text.Length && text[pos + 1] == '*')
            {
                pos = SkipBlockComment(pos);
            }
            else
            {
                break;
            }
        }

        return pos;
    }

    /// <summary>Block comments nest in PostgreSQL: <c>/* a /* b */ c */</c> is one comment.</summary>
    private int SkipBlockComment(int start)
    {
        var text = _text;
        var depth = 1;
        var i = start + 2;
        while (true)
        {
            var rel = text.AsSpan(i).IndexOfAny('*', '/');
            if (rel < 0)
            {
                throw Unterminated(start, "block comment /* … */", "Close it with */ (comments nest: every /* needs its own */).");
            }

            i += rel;
            var follows = i + 1 < text.Length ? text[i + 1] : '\0';
            if (text[i] == '*' && follows == '/')
            {
                i += 2;
                if (--depth == 0)
                {
                    return i;
                }
            }
            else if (text[i] == '/' && follows == '*')
            {
                depth++;
                i += 2;
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>Scans a quoted string whose body starts at <paramref name="bodyStart"/>; '' is a quote.</summary>
    private int ScanString(int start, int bodyStart, bool backslashEscapes, string description)
    {
        var text = _text;
        var i = bodyStart;
        while (i <= text.Length)
        {
            var rest = text.AsSpan(i);
            var rel = backslashEscapes ? rest.IndexOfAny('\'', '\\') : rest.IndexOf('\'');
            if (rel < 0)
            {
                break;
            }

            i += rel;
            if (text[i] == '\\')
            {
                i += 2;
            }
            else if (i + 1 < text.Length && text[i + 1] == '\'')
            {
                i += 2;
            }
            else
            {
                return i + 1;
            }
        }

        // A "\'" on the same line or later usually means the author expected backslash escapes.
        var lineStart = text.AsSpan(0, start).LastIndexOf('\n') + 1;
        var hint = !backslashEscapes && text.AsSpan(lineStart).Contains("\\'", StringComparison.Ordinal)
            ? "Close it with '. Inside a plain string a backslash is an ordinary character (standard_conforming_strings is on), " +
              "so \\' does not escape the quote: write '' or use an E'…' string."
            : "Close it with ' (write '' for a quote inside the string).";
        throw Unterminated(start, description, hint);
    }

    private int ScanQuotedIdentifier(int start, int bodyStart, string description)
    {
        var text = _text;
        var i = bodyStart;
        while (true)
        {
            var rel = text.AsSpan(i).IndexOf('"');
            if (rel < 0)
            {
                throw Unterminated(start, description, "Close it with \" (write \"\" for a quote inside the identifier).");
            }

            i += rel;
            if (i + 1 < text.Length && text[i + 1] == '"')
            {
                i += 2;
            }
            else
            {
                return i + 1;
            }
        }
    }

    /// <summary><c>$1</c> is a parameter, <c>$tag$</c> / <c>$$</c> opens a dollar quote, a lone <c>$</c> is a character.</summary>
    private int ScanDollar(int start, out SqlTokenKind kind)
    {
        var text = _text;
        var i = start + 1;
        if (i < text.Length && text[i] is >= '0' and <= '9')
        {
            while (i < text.Length && text[i] is >= '0' and <= '9')
            {
                i++;
            }

            kind = SqlTokenKind.Parameter;
            return i;
        }

        if (i < text.Length && IsDollarTagStart(text[i]))
        {
            i++;
            while (i < text.Length && IsDollarTagPart(text[i]))
            {
                i++;
            }
        }

        if (i >= text.Length || text[i] != '$')
        {
            kind = SqlTokenKind.Other;
            return start + 1;
        }

        var delimiter = text.AsSpan(start, i + 1 - start);
        var close = text.AsSpan(i + 1).IndexOf(delimiter, StringComparison.Ordinal);
        if (close < 0)
        {
            var tag = delimiter.ToString();
            throw Unterminated(start, $"dollar-quoted string {tag}", $"Close it with {tag} (the closing tag must match exactly, including case).");
        }

        kind = SqlTokenKind.DollarString;
        return i + 1 + close + delimiter.Length;
    }

    private int ScanNumber(int pos)
    {
        var text = _text;
        while (pos < text.Length && text[pos] is (>= '0' and <= '9') or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or '.')
        {
            pos++;
        }

        return pos;
    }

    private SqlSyntaxException Unterminated(int start, string what, string nextStep)
    {
        var at = _script.PositionAt(start);
        return new SqlSyntaxException(_script.SourceName, at.Line, at.Column, $"unterminated {what} started here", nextStep);
    }

    private SqlSyntaxException MetaCommand(int start)
    {
        var text = _text;
        var end = start + 1;
        while (end < text.Length && end - start < 32 && !IsWhitespace(text[end]) && text[end] != '\\')
        {
            end++;
        }

        var command = text[start..end];
        var at = _script.PositionAt(start);
        var problem = command == "\\."
            ? "psql meta-command \\. (the end of a COPY … FROM stdin data block) is not SQL"
            : $"psql meta-command {command} is not SQL";
        return new SqlSyntaxException(_script.SourceName, at.Line, at.Column, problem, MetaCommandNextStep);
    }
}
