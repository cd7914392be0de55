namespace Tidemark.Sql;

/// <summary>The kinds of token the splitter needs to tell apart.</summary>
internal enum SqlTokenKind : byte
{
    /// <summary>An unquoted identifier or keyword (<c>CREATE</c>, <c>users</c>, <c>a$b</c>).</summary>
    Word,

    /// <summary>A double-quoted identifier, including <c>U&amp;"…"</c>.</summary>
    QuotedIdentifier,

    /// <summary>A quoted string: <c>'…'</c>, <c>E'…'</c>, <c>U&amp;'…'</c>, <c>B'…'</c>, <c>X'…'</c>, <c>N'…'</c>.</summary>
    String,

    /// <summary>A dollar-quoted string: <c>$$…$$</c>, <c>$tag$…$tag$</c>.</summary>
    DollarString,

    /// <summary>A numeric literal.</summary>
    Number,

    /// <summary>A positional parameter: <c>$1</c>.</summary>
    Parameter,

    /// <summary><c>(</c></summary>
    OpenParen,

    /// <summary><c>)</c></summary>
    CloseParen,

    /// <summary><c>;</c></summary>
    Semicolon,

    /// <summary>Any other single character: operators, punctuation.</summary>
    Other,
}

/// <summary>One token: its kind and its span (0-based char offset and length) in the script.</summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, int Start, int Length)
{
    public int End => Start + Length;
}
