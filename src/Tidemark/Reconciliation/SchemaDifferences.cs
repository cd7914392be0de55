using System.Globalization;
using System.Text.Json;
using Tidemark.Catalog;

namespace Tidemark.Reconciliation;

/// <summary>
/// The exact differences between a live schema and an expected one, both directions, at object and
/// attribute level, as sentences a person can act on:
/// <c>table public.users: column "nickname" (text) exists in the database but not after migration 0003</c>.
/// </summary>
internal static class SchemaDifferences
{
    /// <summary>
    /// Compares <paramref name="live"/> with <paramref name="expected"/>; <paramref name="expectedPhrase"/> names the
    /// expected side ("after migration 0003", "in the migrations").
    /// </summary>
    public static IReadOnlyList<string> Describe(SchemaModel live, SchemaModel expected, string expectedPhrase)
    {
        var a = Flatten(live);
        var b = Flatten(expected);
        var lines = new List<string>();
        foreach (var (key, item) in a.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!b.TryGetValue(key, out var other))
            {
                // A child of an object that is missing entirely is implied by the object's line.
                if (item.Parent is null || b.ContainsKey(item.Parent))
                {
                    lines.Add($"{item.Prefix}{item.What} exists in the database but not {expectedPhrase}");
                }

                continue;
            }

            foreach (var attr in AttributeDifferences(item.Attributes, other.Attributes))
            {
                lines.Add($"{item.Prefix}{item.What}: {attr.Name} is {attr.Live} in the database but {attr.Expected} {expectedPhrase}");
            }
        }

        foreach (var (key, item) in b.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!a.ContainsKey(key) && (item.Parent is null || a.ContainsKey(item.Parent)))
            {
                lines.Add($"{item.Prefix}{item.What} exists {expectedPhrase} but not in the database");
            }
        }

        if (lines.Count == 0 && live.Dependencies != expected.Dependencies)
        {
            lines.Add($"the dependencies between objects differ from those {expectedPhrase}");
        }

        return lines;
    }

    /// <summary>The keys of objects that differ (added, removed or changed) between two models.</summary>
    public static IReadOnlySet<string> ChangedKeys(SchemaModel x, SchemaModel y)
    {
        var a = Flatten(x);
        var b = Flatten(y);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (k, item) in a)
        {
            if (!b.TryGetValue(k, out var other) || item.Attributes.GetRawText() != other.Attributes.GetRawText())
            {
                keys.Add(k);
            }
        }

        keys.UnionWith(b.Keys.Where(k => !a.ContainsKey(k)));
        return keys;
    }

    private sealed record Item(string? Parent, string Prefix, string What, JsonElement Attributes);

    private readonly record struct AttributeDifference(string Name, string Live, string Expected);

    private static IEnumerable<AttributeDifference> AttributeDifferences(JsonElement live, JsonElement expected)
    {
        var x = Properties(live);
        var y = Properties(expected);
        foreach (var name in x.Keys.Union(y.Keys).Order(StringComparer.Ordinal))
        {
            var l = x.GetValueOrDefault(name) ?? "(none)";
            var e = y.GetValueOrDefault(name) ?? "(none)";
            if (l != e)
            {
                yield return new AttributeDifference(name, Short(l), Short(e));
            }
        }
    }

    private static Dictionary<string, string> Properties(JsonElement e)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                if (p.Value.ValueKind is not JsonValueKind.Null)
                {
                    d[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                }
            }
        }

        return d;
    }

    private static string Short(string s)
    {
        s = s.ReplaceLineEndings(" ");
        return "\"" + (s.Length > 120 ? s[..117] + "..." : s) + "\"";
    }

    private static Dictionary<string, Item> Flatten(SchemaModel m)
    {
        var ctx = CatalogJsonContext.Default;
        var d = new Dictionary<string, Item>(StringComparer.Ordinal);
        void Add(ObjectKey key, ObjectKey? parent, string prefix, string what, JsonElement attrs) =>
            d[key.Value] = new Item(parent?.Value, prefix, what, attrs);

        foreach (var s in m.Schemas)
        {
            Add(s.Key, null, "", $"schema {Identifiers.Quote(s.Name)}", JsonSerializer.SerializeToElement(s, ctx.SchemaInfo));
        }

        foreach (var e in m.Extensions)
        {
            Add(e.Key, null, "", $"extension {e.Name}", JsonSerializer.SerializeToElement(e, ctx.ExtensionInfo));
        }

        foreach (var e in m.Enums)
        {
            Add(e.Key, null, "", $"type {e.Name} (enum: {string.Join(", ", e.Labels)})", JsonSerializer.SerializeToElement(e, ctx.EnumInfo));
        }

        foreach (var x in m.Domains)
        {
            Add(x.Key, null, "", $"domain {x.Name}", JsonSerializer.SerializeToElement(x, ctx.DomainInfo));
        }

        foreach (var x in m.CompositeTypes)
        {
            Add(x.Key, null, "", $"type {x.Name} (composite)", JsonSerializer.SerializeToElement(x, ctx.CompositeTypeInfo));
        }

        foreach (var x in m.Sequences)
        {
            Add(x.Key, null, "", $"sequence {x.Name}", JsonSerializer.SerializeToElement(x, ctx.SequenceInfo));
        }

        foreach (var t in m.Tables)
        {
            var bare = t with { Columns = [], Constraints = [], Indexes = [], Triggers = [], Policies = [] };
            Add(t.Key, null, "", $"table {t.Name}", JsonSerializer.SerializeToElement(bare, ctx.TableInfo));
            var prefix = $"table {t.Name}: ";
            foreach (var c in t.Columns)
            {
                Add(ObjectKey.Column(t.Name, c.Name), t.Key, prefix, $"column \"{c.Name}\" ({c.Type})", JsonSerializer.SerializeToElement(c, ctx.ColumnInfo));
            }

            foreach (var c in t.Constraints)
            {
                Add(ObjectKey.Constraint(t.Name, c.Name), t.Key, prefix, $"constraint \"{c.Name}\" ({c.Definition})", JsonSerializer.SerializeToElement(c, ctx.ConstraintInfo));
            }

            foreach (var i in t.Indexes)
            {
                Add(ObjectKey.Index(new QualifiedName(t.Name.Schema, i.Name)), t.Key, prefix, $"index \"{i.Name}\"", JsonSerializer.SerializeToElement(i, ctx.IndexInfo));
            }

            foreach (var tr in t.Triggers)
            {
                Add(ObjectKey.Trigger(t.Name, tr.Name), t.Key, prefix, $"trigger \"{tr.Name}\"", JsonSerializer.SerializeToElement(tr, ctx.TriggerInfo));
            }

            foreach (var p in t.Policies)
            {
                Add(ObjectKey.Policy(t.Name, p.Name), t.Key, prefix, $"policy \"{p.Name}\"", JsonSerializer.SerializeToElement(p, ctx.PolicyInfo));
            }
        }

        foreach (var v in m.Views)
        {
            Add(v.Key, null, "", (v.Materialized ? "materialized view " : "view ") + v.Name.ToString(), JsonSerializer.SerializeToElement(v, ctx.ViewInfo));
        }

        foreach (var f in m.Functions)
        {
            Add(f.Key, null, "", string.Create(CultureInfo.InvariantCulture, $"{f.Kind.ToString().ToLowerInvariant()} {f.Name}({f.ArgumentTypes})"),
                JsonSerializer.SerializeToElement(f, ctx.FunctionInfo));
        }

        return d;
    }
}
