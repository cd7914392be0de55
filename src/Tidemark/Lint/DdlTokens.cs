using Tidemark.Sql;

namespace Tidemark.Lint;

/// <summary>
/// One token of a statement for the DDL parser: <see cref="Upper"/> is the upper-case text of an
/// unquoted word (keywords are matched on it) and empty for everything else, so a quoted
/// identifier <c>"TABLE"</c> never matches the keyword TABLE. <see cref="Offset"/> is relative to
/// the statement's text.
/// </summary>
internal readonly record struct DdlToken(SqlTokenKind Kind, string Text, string Upper, int Offset)
{
    public bool IsWord => Kind == SqlTokenKind.Word;

    public bool IsIdentifier => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;

    /// <summary>The identifier as PostgreSQL folds it: unquoted words lower-case, quoted ones exact.</summary>
    public string Identifier => Kind == SqlTokenKind.QuotedIdentifier
        ? Text[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal)
        : Text.ToLowerInvariant();

    public bool IsPunct(char c) => Kind == SqlTokenKind.Other && Text.Length == 1 && Text[0] == c;
}

/// <summary>A cursor over a statement's tokens with the small vocabulary the parser needs.</summary>
internal sealed class DdlCursor
{
    private readonly DdlToken[] _tokens;

    public DdlCursor(DdlToken[] tokens, string text)
    {
        _tokens = tokens;
        Text = text;
    }

    public static DdlCursor Of(string statementText)
    {
        var script = new SqlScript(string.Empty, statementText, []);
        var lexer = new SqlLexer(script);
        var list = new List<DdlToken>(32);
        while (lexer.Next(out var t))
        {
            var text = statementText.Substring(t.Start, t.Length);
            list.Add(new DdlToken(t.Kind, text, t.Kind == SqlTokenKind.Word ? text.ToUpperInvariant() : string.Empty, t.Start));
        }

        return new DdlCursor([.. list], statementText);
    }

    public string Text { get; }

    public int Position { get; set; }

    public int Count => _tokens.Length;

    public bool AtEnd => Position >= _tokens.Length;

    public DdlToken Current => Position < _tokens.Length ? _tokens[Position] : new DdlToken(SqlTokenKind.Semicolon, string.Empty, string.Empty, Text.Length);

    public DdlToken this[int index] => index < _tokens.Length ? _tokens[index] : new DdlToken(SqlTokenKind.Semicolon, string.Empty, string.Empty, Text.Length);

    public DdlToken Peek(int ahead = 0) => this[Position + ahead];

    public bool Is(string keyword, int ahead = 0) => Peek(ahead).Upper == keyword;

    public bool IsPunct(char c, int ahead = 0) => Peek(ahead).IsPunct(c);

    public bool IsOpen(int ahead = 0) => Peek(ahead).Kind == SqlTokenKind.OpenParen;

    public bool IsClose(int ahead = 0) => Peek(ahead).Kind == SqlTokenKind.CloseParen;

    /// <summary>Consumes the keywords when all of them come next, in order.</summary>
    public bool Accept(params string[] keywords)
    {
        for (var i = 0; i < keywords.Length; i++)
        {
            if (Peek(i).Upper != keywords[i])
            {
                return false;
            }
        }

        Position += keywords.Length;
        return true;
    }

    public bool AcceptPunct(char c)
    {
        if (!IsPunct(c))
        {
            return false;
        }

        Position++;
        return true;
    }

    public DdlToken Take() => _tokens.Length > Position ? _tokens[Position++] : Current;

    /// <summary>Skips a balanced parenthesised group when one starts here.</summary>
    public void SkipGroup()
    {
        if (!IsOpen())
        {
            return;
        }

        var depth = 0;
        while (!AtEnd)
        {
            var t = Take();
            if (t.Kind == SqlTokenKind.OpenParen)
            {
                depth++;
            }
            else if (t.Kind == SqlTokenKind.CloseParen && --depth == 0)
            {
                return;
            }
        }
    }

    /// <summary>Reads <c>[schema.]name</c> (or a longer dotted name, keeping its last two parts).</summary>
    public ObjectName? ReadName()
    {
        if (!Peek().IsIdentifier)
        {
            return null;
        }

        var offset = Peek().Offset;
        var parts = new List<string> { Take().Identifier };
        while (IsPunct('.') && Peek(1).IsIdentifier)
        {
            Position++;
            parts.Add(Take().Identifier);
        }

        return parts.Count == 1
            ? new ObjectName(null, parts[0], offset)
            : new ObjectName(parts[^2], parts[^1], offset);
    }

    /// <summary>Reads a parenthesised, comma-separated list of identifiers: <c>(a, "B")</c>.</summary>
    public List<string> ReadIdentifierList()
    {
        var names = new List<string>();
        if (!IsOpen())
        {
            return names;
        }

        var start = Position;
        SkipGroup();
        for (var i = start + 1; i < Position - 1; i++)
        {
            if (_tokens[i].IsIdentifier && (i == start + 1 || _tokens[i - 1].IsPunct(',')))
            {
                names.Add(_tokens[i].Identifier);
            }
        }

        return names;
    }

    /// <summary>
    /// Advances to the next ',' or ')' at the current nesting depth (or the end) without consuming it,
    /// returning the tokens passed over.
    /// </summary>
    public ArraySegment<DdlToken> SkipToItemEnd()
    {
        var start = Position;
        var depth = 0;
        while (!AtEnd)
        {
            var t = Peek();
            if (t.Kind == SqlTokenKind.OpenParen)
            {
                depth++;
            }
            else if (t.Kind == SqlTokenKind.CloseParen)
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }
            else if (depth == 0 && t.IsPunct(','))
            {
                break;
            }

            Position++;
        }

        return new ArraySegment<DdlToken>(_tokens, start, Position - start);
    }

    /// <summary>Index of the first token at parenthesis depth 0 (from here) that is one of the keywords, or <see cref="Count"/>.</summary>
    public int FindTopLevel(params string[] keywords)
    {
        var depth = 0;
        for (var i = Position; i < _tokens.Length; i++)
        {
            var t = _tokens[i];
            if (t.Kind == SqlTokenKind.OpenParen)
            {
                depth++;
            }
            else if (t.Kind == SqlTokenKind.CloseParen)
            {
                depth--;
            }
            else if (depth == 0 && t.IsWord && Array.IndexOf(keywords, t.Upper) >= 0)
            {
                return i;
            }
        }

        return _tokens.Length;
    }

    /// <summary>The statement text from token <paramref name="from"/> up to (not including) token <paramref name="to"/>.</summary>
    public string Slice(int from, int to)
    {
        if (from >= to || from >= _tokens.Length)
        {
            return string.Empty;
        }

        var start = _tokens[from].Offset;
        var last = _tokens[Math.Min(to, _tokens.Length) - 1];
        return Text[start..(last.Offset + last.Text.Length)];
    }
}

/// <summary>A possibly schema-qualified object name, folded like PostgreSQL folds it.</summary>
internal sealed record ObjectName(string? Schema, string Name, int Offset = 0)
{
    public string Display => Schema is null ? Name : $"{Schema}.{Name}";

    /// <summary>Key for the schema state: unqualified names are taken to be in public.</summary>
    public string Key => $"{Schema ?? "public"}.{Name}";

    public override string ToString() => Display;
}
