using System.Globalization;

namespace Tidemark.IntegrationTests.Diff.Property;

/// <summary>
/// Builds a schema and a mutation of it from a sequence of choices (CsCheck generates the sequence and shrinks it:
/// fewer and smaller choices make fewer tables, fewer columns and simpler mutations). An exhausted sequence answers 0,
/// the simplest choice. Every choice keeps the data rows valid in both schemas, so a failure is the differ's.
/// </summary>
internal sealed class SchemaGenerator(int[] choices)
{
    private static readonly string[] Types =
    [
        "integer", "text", "bigint", "boolean", "numeric", "character varying(20)", "smallint", "date", "timestamp with time zone",
        "jsonb", "uuid", "text[]", "public.mood", "s2.posint", "double precision", "numeric(12,2)",
    ];

    private static readonly (string From, string To)[] TypeChanges =
    [
        ("integer", "bigint"), ("bigint", "integer"), ("smallint", "integer"), ("text", "character varying(20)"), ("character varying(20)", "text"),
        ("numeric", "numeric(12,2)"), ("numeric(12,2)", "numeric"), ("integer", "text"), ("integer", "numeric"),
    ];

    private int next;
    private int names;

    public int Next(int n) => next < choices.Length ? choices[next++] % n : 0;

    private bool Chance(int percent) => Next(100) < percent;

    private string Name(string prefix) => prefix + (++names).ToString(CultureInfo.InvariantCulture);

    public (SchemaSpec From, SchemaSpec To, List<string> Mutations) Build()
    {
        var a = new SchemaSpec { FunctionAddend = 1 + Next(3) };
        for (var i = Next(3); i > 0; i--)
        {
            a.Sequences.Add((Name("seq"), Next(2) == 0 ? "bigint" : "integer", 1 + Next(3), Chance(20) ? 100000 : null));
        }

        var tables = 1 + Next(4);
        for (var i = 0; i < tables; i++)
        {
            AddTable(a);
        }

        var b = a.Clone();
        var log = new List<string>();
        for (var m = 1 + Next(4); m > 0; m--)
        {
            log.Add(Mutate(a, b));
        }

        return (a, b, log);
    }

    private void AddTable(SchemaSpec s, bool allowFkToNew = true)
    {
        var parents = s.Tables.Where(t => t.Parent is null && t.Partitions is null).ToList();
        var kind = Next(10);
        var t = new TableSpec(Next(3) == 0 ? "s2" : "public", Name("t"));
        if (kind == 0 && parents.Count > 0)
        {
            var parent = parents[Next(parents.Count)];
            t = t with { Parent = parent.Q };
            t.Unlogged = parent.Unlogged;
        }
        else
        {
            t = kind == 1 ? t with { Partitions = [10 + Next(50), 100] } : t;
            t.Columns.Add(new ColSpec("id", "integer", NotNull: true));
        }

        for (var i = Next(5); i >= 0; i--)
        {
            t.Columns.Add(NewColumn(t, forNewTable: true));
        }

        t.Unlogged = t.Partitions is null && t.Parent is null && Chance(15);
        Decorate(s, t, allowFkToNew);
        s.Tables.Add(t);
    }

    private ColSpec NewColumn(TableSpec t, bool forNewTable)
    {
        var type = Types[Next(Types.Length)];
        var c = new ColSpec(Name("c"), type, Comment: Chance(10) ? "about it" : null);
        var integral = type is "integer" or "bigint";
        switch (Next(8))
        {
            case 0 when integral || type == "numeric":
                return c with { Generated = "id * " + (2 + Next(3)) };
            case 1 when integral && t.Parent is null && t.Partitions is null:
                return c with { Identity = Next(2) == 0 ? "ALWAYS" : "BY DEFAULT" };
            case 2:
                return c with { Default = SchemaSpec.Value(type, 1), NotNull = Chance(50) };
            case 3 when type == "uuid":
                return c with { Default = "gen_random_uuid()" };
            case 4 when forNewTable:
                return c with { NotNull = true };
            default:
                return c;
        }
    }

    private void Decorate(SchemaSpec s, TableSpec t, bool allowFkToNew)
    {
        var plain = t.Columns.Where(c => c.Generated is null && c.Identity is null && c.Name != "id").ToList();
        foreach (var c in plain.Where(c => c.Type is "integer" or "numeric" or "bigint").Take(1).Where(_ => Chance(40)))
        {
            t.Checks.Add((Name("ck"), c.Name + " >= 0"));
        }

        foreach (var c in plain.Where(c => c.Type is "integer" or "text" or "uuid" or "date").Take(1).Where(_ => Chance(30) && t.Parent is null))
        {
            t.Uniques.Add((Name("uq"), c.Name));
        }

        foreach (var c in plain.Where(c => c.Type is "text" or "character varying(20)").Take(1).Where(_ => Chance(40)))
        {
            t.Indexes.Add(Next(2) == 0
                ? new IndexSpec(Name("ix"), "lower(" + c.Name + ")", false, null)
                : new IndexSpec(Name("ix"), c.Name, false, c.Name + " IS NOT NULL"));
        }

        if (Chance(35) && t.Parent is null)
        {
            AddFk(s, t, allowFkToNew);
        }

        if (Chance(20) && t.Partitions is null)
        {
            t.Options.Add(Next(2) == 0 ? "fillfactor=" + (70 + Next(3) * 10) : "autovacuum_enabled=false");
        }

        if (Chance(15) && t.Partitions is null)
        {
            t.Options.Add("toast.autovacuum_enabled=false");
        }

        if (Chance(15))
        {
            t.Rls = true;
            t.ForceRls = Chance(30);
            t.Policies.Add((Name("pol"), "id > " + Next(3)));
        }

        t.Trigger = Chance(15);
        t.Comment = Chance(15) ? "table " + t.Name : null;
    }

    /// <summary>An integer column referencing the id of a table (itself included) whose persistence allows it.</summary>
    private void AddFk(SchemaSpec s, TableSpec t, bool allowNew)
    {
        var targets = s.Tables.Where(x => x.Parent is null && (t.Unlogged || !x.Unlogged) && (allowNew || x.Q != t.Q)).Select(x => x.Q).Append(t.Q).Distinct().ToList();
        var target = targets[Next(targets.Count)];
        if (target == t.Q && t.Partitions is not null)
        {
            return;
        }

        var col = "ref_" + Name("r");
        t.Columns.Add(new ColSpec(col, "integer"));
        t.Fks.Add(new FkSpec(Name("fk"), col, target, Next(2) == 0 ? "CASCADE" : "NO ACTION"));
    }

    private string Mutate(SchemaSpec a, SchemaSpec b)
    {
        var t = b.Tables.Count == 0 ? null : b.Tables[Next(b.Tables.Count)];
        var kind = Next(24);
        if (t is null || kind == 0)
        {
            AddTable(b, allowFkToNew: false);
            return "add table " + b.Tables[^1].Q;
        }

        var cols = t.Columns.Where(c => c.Name != "id" && !c.Name.StartsWith("ref_", StringComparison.Ordinal)).ToList();
        var col = cols.Count == 0 ? null : cols[Next(cols.Count)];
        var ci = col is null ? -1 : t.Columns.IndexOf(col);
        switch (kind)
        {
            case 1 when !b.Tables.Any(x => x.Parent == t.Q):
                DropTable(b, t);
                return "drop table " + t.Q;
            case 2:
                var added = NewColumn(t, forNewTable: false);
                if (added.Identity is not null && a.Tables.Any(x => x.Parent == t.Q))
                {
                    // PostgreSQL cannot add an identity column to a table with INHERITS children: the differ reports it (corpus 163).
                    added = added with { Identity = null, NotNull = false };
                }

                t.Columns.Add(added.NotNull && added.Default is null ? added with { NotNull = false } : added);
                return "add column " + t.Q + "." + added.Name;
            case 3 when col is not null:
                DropColumn(b, t, col.Name);
                return "drop column " + t.Q + "." + col.Name;
            case 4 when col is not null && TypeChanges.FirstOrDefault(x => x.From == col.Type) is { To: not null } change && col.Generated is null && col.Identity is null:
                t.Columns[ci] = col with { Type = change.To, Default = col.Default is null ? null : SchemaSpec.Value(change.To, 1) };
                return $"type {t.Q}.{col.Name} {change.From} -> {change.To}";
            // A column new in B that is NOT NULL without a default cannot be added to A's rows (the differ says so): not generated.
            case 5 when col is not null && col.Generated is null && col.Identity is null && !(col is { NotNull: false, Default: null } && NewInB(a, t, col)):
                t.Columns[ci] = col with { NotNull = !col.NotNull };
                return "not null " + t.Q + "." + col.Name;
            case 6 when col is not null && col.Generated is null && col.Identity is null && col.Type != "public.mood" && !(col is { NotNull: true, Default: not null } && NewInB(a, t, col)):
                t.Columns[ci] = col with { Default = col.Default is null ? SchemaSpec.Value(col.Type, 2) : null };
                return "default " + t.Q + "." + col.Name;
            case 7 when col?.Generated is not null:
                t.Columns[ci] = col with { Generated = null, Default = Chance(50) ? "0" : null };
                return "generated -> plain " + t.Q + "." + col.Name;
            case 8 when col is not null && col.Generated is null && col.Identity is null && col.Type is "integer" or "bigint" or "numeric"
                && !b.Views.Any(v => v.Table == t.Q) && !t.Checks.Any(c => c.Expression.StartsWith(col.Name + " ", StringComparison.Ordinal)):
                DropColumn(b, t, col.Name);
                t.Columns.Insert(ci, col with { Generated = "id * 7", Default = null, NotNull = false });
                return "plain -> generated " + t.Q + "." + col.Name;
            case 9 when col?.Generated is not null:
                t.Columns[ci] = col with { Generated = "id * " + (10 + Next(5)) };
                return "generated expression " + t.Q + "." + col.Name;
            case 10 when col?.Identity is not null:
                t.Columns[ci] = col with { Identity = col.Identity == "ALWAYS" ? "BY DEFAULT" : "ALWAYS" };
                return "identity kind " + t.Q + "." + col.Name;
            case 11 when t.Parent is null && t.Partitions is null && !b.Tables.Any(x => x.Parent == t.Q):
                t.Unlogged = !t.Unlogged;
                if (b.Tables.Any(x => x.Fks.Any(f => (f.Target == t.Q && !x.Unlogged && t.Unlogged) || (x.Q == t.Q && !t.Unlogged && b.Find(f.Target)!.Unlogged))))
                {
                    t.Unlogged = !t.Unlogged;
                    return "persistence (refused: foreign keys)";
                }

                return "persistence " + t.Q;
            case 12 when t.Partitions is null:
                t.Options.Clear();
                t.Options.AddRange(Next(3) switch { 0 => [], 1 => ["fillfactor=90"], _ => t.Partitions is null ? ["toast.autovacuum_enabled=false", "autovacuum_enabled=true"] : [] });
                return "options " + t.Q;
            case 13 when t.Checks.Count > 0:
                t.Checks.RemoveAt(0);
                return "drop check " + t.Q;
            case 14 when t.Uniques.Count > 0 || t.Indexes.Count > 0:
                if (t.Uniques.Count > 0) { t.Uniques.RemoveAt(0); } else { t.Indexes.RemoveAt(0); }
                return "drop unique/index " + t.Q;
            case 15 when t.Fks.Count > 0:
                t.Fks.RemoveAt(0);
                return "drop fk " + t.Q;
            case 15 when t.Parent is null && a.Find(t.Q) is not null:
                AddFk(a.Tables.Count > 0 ? Existing(a, b) : b, t, allowNew: true);
                return "add fk " + t.Q;
            case 16:
                t.Rls = !t.Rls;
                t.Policies.Clear();
                if (t.Rls) { t.Policies.Add((Name("pol"), "id >= " + Next(2))); }
                return "rls " + t.Q;
            case 17:
                t.Comment = t.Comment is null ? "now commented" : null;
                return "comment " + t.Q;
            case 18:
                b.MoodLabels.Insert(1 + Next(b.MoodLabels.Count), Name("m"));
                return "enum add label";
            case 19 when b.MoodLabels.Count > 1:
                b.MoodLabels.RemoveAt(b.MoodLabels.Count - 1);
                return "enum drop last label";
            case 20 when b.Sequences.Count > 0:
                var (sn, st, si, sm) = b.Sequences[0];
                b.Sequences[0] = (sn, st == "bigint" ? "integer" : "bigint", si + 1, sm is null ? 5000 : null);
                return "sequence " + sn;
            case 21:
                if (b.Views.Count > 0 && Chance(50)) { b.Views.RemoveAt(0); return "drop view"; }
                b.Views.Add((Name("v"), t.Q, Next(3), Chance(40)));
                return "add view on " + t.Q;
            case 22:
                t.Trigger = !t.Trigger;
                return "trigger " + t.Q;
            case 23:
                b.FunctionAddend += 1;
                b.DomainCheck = b.DomainCheck == "VALUE > 0" ? "VALUE >= 0" : "VALUE > 0";
                return "function body and domain check";
            default:
                t.Checks.Add((Name("ck"), "id >= 0"));
                return "add check " + t.Q;
        }
    }

    private static bool NewInB(SchemaSpec a, TableSpec t, ColSpec col) => a.Find(t.Q)?.Columns.All(c => c.Name != col.Name) ?? true;

    /// <summary>Tables that exist in A too (foreign keys added by a mutation must find rows to reference).</summary>
    private static SchemaSpec Existing(SchemaSpec a, SchemaSpec b)
    {
        var s = new SchemaSpec();
        s.Tables.AddRange(b.Tables.Where(t => a.Find(t.Q) is not null));
        return s;
    }

    private static void DropTable(SchemaSpec b, TableSpec t)
    {
        b.Tables.Remove(t);
        b.Views.RemoveAll(v => v.Table == t.Q);
        foreach (var x in b.Tables)
        {
            foreach (var fk in x.Fks.Where(f => f.Target == t.Q).ToList())
            {
                DropColumn(b, x, fk.Column);
            }
        }
    }

    private static void DropColumn(SchemaSpec b, TableSpec t, string name)
    {
        t.Columns.RemoveAll(c => c.Name == name);
        t.Checks.RemoveAll(c => c.Expression.StartsWith(name + " ", StringComparison.Ordinal));
        t.Uniques.RemoveAll(u => u.Column == name);
        t.Indexes.RemoveAll(i => i.Expression.Contains(name, StringComparison.Ordinal));
        t.Fks.RemoveAll(f => f.Column == name);
    }
}
