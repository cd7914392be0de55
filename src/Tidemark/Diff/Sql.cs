using Tidemark.Catalog;

namespace Tidemark.Diff;

/// <summary>Small SQL-text helpers shared by the differs.</summary>
internal static class Sql
{
    public static string Q(string identifier) => Identifiers.Quote(identifier);

    public static string Literal(string? value) => value is null ? "NULL" : Identifiers.Literal(value);

    /// <summary>Adds a COMMENT ON statement when the comment differs (null = no comment).</summary>
    public static void Comment(DiffContext ctx, ObjectKey key, string target, string? from, string? to)
    {
        if (!string.Equals(from, to, StringComparison.Ordinal))
        {
            ctx.Add(DiffPhase.Comments, ChangeKind.Alter, key, "COMMENT ON " + target + " IS " + Literal(to));
        }
    }

    /// <summary>The statement text without trailing whitespace and semicolon.</summary>
    public static string Trim(string sql) => sql.TrimEnd().TrimEnd(';').TrimEnd();

    /// <summary>
    /// Orders <paramref name="items"/> so that each comes after the items it depends on (per <paramref name="dependsOn"/>,
    /// restricted to the items given); ties keep the input order. Cycles are broken at the first item seen.
    /// </summary>
    public static List<T> TopoSort<T>(IReadOnlyList<T> items, Func<T, ObjectKey> key, Func<ObjectKey, IEnumerable<ObjectKey>> dependsOn)
    {
        var byKey = new Dictionary<ObjectKey, T>();
        foreach (var i in items)
        {
            byKey[key(i)] = i;
        }

        var state = new Dictionary<ObjectKey, bool>();
        var result = new List<T>(items.Count);
        foreach (var i in items)
        {
            Visit(key(i));
        }

        return result;

        void Visit(ObjectKey k)
        {
            if (state.ContainsKey(k))
            {
                return;
            }

            state[k] = false;
            foreach (var d in dependsOn(k))
            {
                if (byKey.ContainsKey(d))
                {
                    Visit(d);
                }
            }

            state[k] = true;
            result.Add(byKey[k]);
        }
    }
}
