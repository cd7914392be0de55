using System.Globalization;
using System.Text.RegularExpressions;

namespace Tidemark.Diff;

/// <summary>What changing a column from one <c>format_type</c> to another costs.</summary>
internal readonly record struct TypeChange(bool Rewrite, bool Narrowing, bool NeedsUsing);

/// <summary>Classifies column type changes (rewrite, narrowing, explicit USING needed) for built-in types; unknown pairs are assumed costly.</summary>
internal static partial class ColumnTypes
{
    private static readonly string[] Integers = ["smallint", "integer", "bigint"];
    private static readonly string[] Floats = ["real", "double precision"];

    public static TypeChange Classify(string from, string to)
    {
        if (from == to)
        {
            return new(false, false, false);
        }

        var a = Parse(from);
        var b = Parse(to);
        if (a.Array != b.Array)
        {
            return new(true, true, true);
        }

        if (a.Name == b.Name)
        {
            return SameBase(a, b);
        }

        var ai = Array.IndexOf(Integers, a.Name);
        var bi = Array.IndexOf(Integers, b.Name);
        if (ai >= 0 && bi >= 0)
        {
            return new(true, bi < ai, false);
        }

        var af = Array.IndexOf(Floats, a.Name);
        var bf = Array.IndexOf(Floats, b.Name);
        if (af >= 0 && bf >= 0)
        {
            return new(true, bf < af, false);
        }

        if ((ai >= 0 || af >= 0) && b.Name is "numeric" or "double precision")
        {
            var lossy = (b.Name == "numeric" && b.Mods.Length > 0) || (ai == 2 && b.Name == "double precision");
            return new(true, lossy, false);
        }

        if (a.Name == "character varying" && b.Name == "text")
        {
            return new(false, false, false);
        }

        if (IsText(a.Name) && IsText(b.Name))
        {
            return new(true, b.Mods.Length > 0 && (a.Mods.Length == 0 || Int(b.Mods[0]) < Int(a.Mods[0])), false);
        }

        if (IsText(b.Name) && b.Mods.Length == 0)
        {
            return new(true, false, false);
        }

        if (a.Name.StartsWith("timestamp", StringComparison.Ordinal) && b.Name.StartsWith("timestamp", StringComparison.Ordinal))
        {
            return new(true, false, false);
        }

        return new(true, true, true);
    }

    private static TypeChange SameBase(Parsed a, Parsed b)
    {
        switch (a.Name)
        {
            case "character varying" or "bit varying":
                if (b.Mods.Length == 0)
                {
                    return new(false, false, false);
                }

                var narrower = a.Mods.Length == 0 || Int(b.Mods[0]) < Int(a.Mods[0]);
                return new(narrower, narrower, false);
            case "numeric":
                if (b.Mods.Length == 0)
                {
                    return new(false, false, false);
                }

                if (a.Mods.Length == 0)
                {
                    return new(true, true, false);
                }

                var (p1, s1) = (Int(a.Mods[0]), a.Mods.Length > 1 ? Int(a.Mods[1]) : 0);
                var (p2, s2) = (Int(b.Mods[0]), b.Mods.Length > 1 ? Int(b.Mods[1]) : 0);
                var narrowing = p2 - s2 < p1 - s1 || s2 < s1;
                return new(s1 != s2 || p2 < p1, narrowing, false);
            case "timestamp" or "timestamp with time zone" or "time" or "time with time zone" or "interval":
                var from = a.Mods.Length == 0 ? 6 : Int(a.Mods[0]);
                var to = b.Mods.Length == 0 ? 6 : Int(b.Mods[0]);
                return new(to < from, to < from, false);
            default:
                return new(true, true, false);
        }
    }

    private static bool IsText(string name) => name is "text" or "character varying" or "character";

    private static int Int(string s) => int.Parse(s.Trim(), CultureInfo.InvariantCulture);

    private static Parsed Parse(string type)
    {
        var array = type.EndsWith("[]", StringComparison.Ordinal);
        var t = array ? type[..^2] : type;
        var m = TypeRegex().Match(t);
        if (!m.Success)
        {
            return new(t, [], array);
        }

        var name = (m.Groups["name"].Value + m.Groups["rest"].Value).Trim();
        name = name switch
        {
            "timestamp without time zone" => "timestamp",
            "time without time zone" => "time",
            _ => name,
        };
        var mods = m.Groups["mods"].Success ? m.Groups["mods"].Value.Split(',') : [];
        return new(name, mods, array);
    }

    [GeneratedRegex(@"^(?<name>[^()]+?)(\((?<mods>[0-9, ]*)\))?(?<rest>[^()]*)$")]
    private static partial Regex TypeRegex();

    private readonly record struct Parsed(string Name, string[] Mods, bool Array);
}
