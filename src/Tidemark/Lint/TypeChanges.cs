using System.Text.RegularExpressions;

namespace Tidemark.Lint;

/// <summary>
/// PostgreSQL facts the rules rely on: which type changes skip the rewrite (binary-coercible with no
/// USING that changes values), and which default expressions are volatile (evaluated per row, so
/// ADD COLUMN must rewrite the table to store them).
/// </summary>
internal static partial class TypeChanges
{
    /// <summary>
    /// True when <c>ALTER COLUMN … TYPE</c> from <paramref name="from"/> to <paramref name="to"/> keeps the
    /// table's files: varchar(n) → varchar(m ≥ n) / varchar / text, text ↔ varchar, numeric(p,s) → numeric(q ≥ p, s)
    /// or unconstrained, varbit(n) → larger, cidr → inet, and the same type with the same modifiers.
    /// </summary>
    public static bool IsBinaryCoercible(TypeRef? from, TypeRef to, string? usingExpr)
    {
        if (from is null || from.IsArray != to.IsArray)
        {
            return false;
        }

        if (usingExpr is not null && !IsPlainColumnOrCast(usingExpr))
        {
            return false;
        }

        var (f, t) = (from.Name, to.Name);
        if (f == t && from.Modifiers.SequenceEqual(to.Modifiers))
        {
            return true;
        }

        return (f, t) switch
        {
            ("varchar", "varchar") => to.Length is null || (from.Length is { } n && to.Length >= n),
            ("varchar", "text") => true,
            ("text", "varchar") => to.Length is null,
            ("char", "text") or ("char", "varchar") => false,
            ("numeric", "numeric") => to.Modifiers.Count == 0
                || (from.Modifiers.Count > 0 && to.Modifiers[0] >= from.Modifiers[0] && Scale(to) == Scale(from)),
            ("varbit", "varbit") => to.Length is null || (from.Length is { } b && to.Length >= b),
            ("cidr", "inet") => true,
            ("citext", "text") or ("text", "citext") => false,
            _ => false,
        };
    }

    private static int Scale(TypeRef t) => t.Modifiers.Count > 1 ? t.Modifiers[1] : 0;

    private static bool IsPlainColumnOrCast(string usingExpr) => PlainUsing().IsMatch(usingExpr.Trim());

    [GeneratedRegex(@"^""?\w+""?(\s*::\s*[\w ]+(\(\s*\d+(\s*,\s*\d+)?\s*\))?)?$")]
    private static partial Regex PlainUsing();

    private static readonly HashSet<string> NonVolatileFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "now", "current_timestamp", "current_date", "current_time", "localtimestamp", "localtime", "transaction_timestamp",
        "statement_timestamp", "current_user", "session_user", "current_schema", "lower", "upper", "to_jsonb", "to_json",
        "jsonb_build_object", "json_build_object", "jsonb_build_array", "array", "coalesce", "nullif", "make_interval",
        "to_timestamp", "to_date", "timezone", "concat", "length", "abs", "greatest", "least", "row", "cast", "date_trunc",
        "jsonb_object", "array_fill", "interval", "inet", "trim", "replace", "format", "substring", "power",
    };

    /// <summary>Function calls that change per row; anything else called in a default is treated as volatile unless known stable.</summary>
    private static readonly HashSet<string> KnownVolatile = new(StringComparer.OrdinalIgnoreCase)
    {
        "random", "gen_random_uuid", "uuid_generate_v4", "uuid_generate_v1", "uuid_generate_v1mc", "clock_timestamp",
        "timeofday", "nextval", "uuidv4", "uuidv7", "gen_random_bytes", "txid_current", "setseed",
    };

    /// <summary>True when the default may be volatile: a call of a volatile function, or of a function not known to be stable.</summary>
    public static bool IsVolatileDefault(string? expr, out string? function)
    {
        function = null;
        if (string.IsNullOrWhiteSpace(expr))
        {
            return false;
        }

        foreach (Match m in FunctionCall().Matches(StripStrings(expr)))
        {
            var name = m.Groups[1].Value;
            var bare = name.Contains('.', StringComparison.Ordinal) ? name[(name.LastIndexOf('.') + 1)..] : name;
            if (KnownVolatile.Contains(bare) || !NonVolatileFunctions.Contains(bare))
            {
                function = bare;
                return true;
            }
        }

        return false;
    }

    private static string StripStrings(string expr) => QuotedString().Replace(expr, "''");

    [GeneratedRegex(@"(?<!::\s*)(?<![\w.\$])([A-Za-z_][\w.]*)\s*\(")]
    private static partial Regex FunctionCall();

    [GeneratedRegex(@"'(?:[^']|'')*'")]
    private static partial Regex QuotedString();
}
