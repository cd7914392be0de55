using System.Collections.Frozen;
using System.Text;

namespace Tidemark.Catalog;

/// <summary>
/// Quotes PostgreSQL identifiers exactly when needed, like <c>quote_ident</c>: names that are not
/// all lower-case letters, digits and underscores (not starting with a digit), and names that are
/// keywords other than PostgreSQL's unreserved ones, get double quotes (embedded quotes doubled).
/// </summary>
internal static class Identifiers
{
    /// <summary>Keywords that cannot be used as bare identifiers everywhere (PostgreSQL 13–17: reserved, column-name and type/function-name keywords).</summary>
    private static readonly FrozenSet<string> Keywords = new[]
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
        "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character",
        "check", "coalesce", "collate", "collation", "column", "concurrently", "constraint", "create",
        "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
        "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc", "distinct",
        "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float", "for", "foreign",
        "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having", "ilike", "in",
        "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into", "is", "isnull",
        "join", "json", "json_array", "json_arrayagg", "json_exists", "json_object", "json_objectagg",
        "json_query", "json_scalar", "json_serialize", "json_table", "json_value", "lateral", "leading",
        "least", "left", "like", "limit", "localtime", "localtimestamp", "merge_action", "national",
        "natural", "nchar", "none", "normalize", "not", "notnull", "null", "nullif", "numeric", "offset",
        "on", "only", "or", "order", "out", "outer", "overlaps", "overlay", "placing", "position",
        "precision", "primary", "real", "references", "returning", "right", "row", "select",
        "session_user", "setof", "similar", "smallint", "some", "substring", "symmetric", "system_user",
        "table", "tablesample", "then", "time", "timestamp", "to", "trailing", "treat", "trim", "true",
        "union", "unique", "user", "using", "values", "varchar", "variadic", "verbose", "when", "where",
        "window", "with", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest",
        "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable"
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Returns <paramref name="identifier"/> as it must appear in SQL.</summary>
    public static string Quote(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return NeedsQuotes(identifier) ? "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : identifier;
    }

    /// <summary><c>schema.name</c> with each part quoted when needed.</summary>
    public static string Quote(string schema, string name) => Quote(schema) + "." + Quote(name);

    /// <summary>Whether <paramref name="identifier"/> needs double quotes.</summary>
    public static bool NeedsQuotes(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (identifier.Length == 0 || !(IsLowerLetter(identifier[0]) || identifier[0] == '_'))
        {
            return true;
        }

        foreach (var c in identifier)
        {
            if (!(IsLowerLetter(c) || c == '_' || char.IsAsciiDigit(c)))
            {
                return true;
            }
        }

        return Keywords.Contains(identifier);
    }

    /// <summary>Quotes a string literal (<c>'it''s'</c>), using the E'' form when it contains backslashes.</summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 2);
        if (value.Contains('\\', StringComparison.Ordinal))
        {
            sb.Append('E');
        }

        sb.Append('\'');
        foreach (var c in value)
        {
            if (c is '\'' or '\\')
            {
                sb.Append(c);
            }

            sb.Append(c);
        }

        return sb.Append('\'').ToString();
    }

    private static bool IsLowerLetter(char c) => c is >= 'a' and <= 'z';
}
