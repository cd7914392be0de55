namespace Tidemark.Sql;

/// <summary>Quotes identifiers and literals the way PostgreSQL's quote_ident / quote_literal do.</summary>
internal static class SqlIdentifier
{
    /// <summary>Double-quotes an identifier only when PostgreSQL needs it (upper case, special chars, keywords).</summary>
    public static string Quote(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (IsSafeUnquoted(identifier))
        {
            return identifier;
        }

        return "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A single-quoted string literal with quotes doubled (standard_conforming_strings on).</summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static bool IsSafeUnquoted(string s)
    {
        if (s.Length == 0 || !(s[0] is (>= 'a' and <= 'z') or '_'))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '$'))
            {
                return false;
            }
        }

        return !SqlKeywords.IsReservedOrTypeFunc(s);
    }
}
