using System.Globalization;
using System.Text;

namespace Tidemark.IntegrationTests.Diff.Property;

/// <summary>A column of a generated table.</summary>
internal sealed record ColSpec(string Name, string Type, bool NotNull = false, string? Default = null, string? Identity = null, string? Generated = null, string? Comment = null);

/// <summary>A foreign key from <see cref="Column"/> (integer) to the id of <see cref="Target"/>.</summary>
internal sealed record FkSpec(string Name, string Column, string Target, string OnDelete);

/// <summary>A standalone index: <see cref="Expression"/> is the key (a column or an expression), <see cref="Where"/> makes it partial.</summary>
internal sealed record IndexSpec(string Name, string Expression, bool Unique, string? Where);

/// <summary>
/// A generated table. Every table has an <c>id integer</c> first column (its primary key unless it is an
/// inheritance child) so foreign keys and data rows have something to hold on to.
/// </summary>
internal sealed record TableSpec(string Schema, string Name)
{
    public List<ColSpec> Columns { get; init; } = [];

    public bool Unlogged { get; set; }

    public List<(string Name, string Expression)> Checks { get; init; } = [];

    public List<(string Name, string Column)> Uniques { get; init; } = [];

    public List<FkSpec> Fks { get; init; } = [];

    public List<IndexSpec> Indexes { get; init; } = [];

    public List<string> Options { get; init; } = [];

    public bool Rls { get; set; }

    public bool ForceRls { get; set; }

    public List<(string Name, string Using)> Policies { get; init; } = [];

    public bool Trigger { get; set; }

    public string? Comment { get; set; }

    /// <summary>INHERITS parent (qualified), for a child.</summary>
    public string? Parent { get; init; }

    /// <summary>Partitioned BY RANGE (id) with these upper bounds (partition k holds [bounds[k-1], bounds[k]) ).</summary>
    public List<int>? Partitions { get; init; }

    public string Q => Schema + "." + Name;

    public TableSpec Copy() => this with
    {
        Columns = [.. Columns], Checks = [.. Checks], Uniques = [.. Uniques], Fks = [.. Fks], Indexes = [.. Indexes], Options = [.. Options],
        Policies = [.. Policies], Partitions = Partitions is null ? null : [.. Partitions],
    };
}

/// <summary>A whole generated schema: types, sequences, tables, views, functions.</summary>
internal sealed class SchemaSpec
{
    public List<string> MoodLabels { get; set; } = ["a", "b", "c"];

    public string DomainCheck { get; set; } = "VALUE > 0";

    public List<(string Name, string Type, int Increment, long? Max)> Sequences { get; init; } = [];

    public List<TableSpec> Tables { get; init; } = [];

    /// <summary>Views: name, table, where-bound, materialized.</summary>
    public List<(string Name, string Table, int Bound, bool Materialized)> Views { get; init; } = [];

    public int FunctionAddend { get; set; } = 1;

    public SchemaSpec Clone() => new()
    {
        MoodLabels = [.. MoodLabels], DomainCheck = DomainCheck, Sequences = [.. Sequences], Tables = [.. Tables.Select(t => t.Copy())],
        Views = [.. Views], FunctionAddend = FunctionAddend,
    };

    public TableSpec? Find(string q) => Tables.FirstOrDefault(t => t.Q == q);

    /// <summary>The DDL that creates this schema in an empty database.</summary>
    public string ToSql()
    {
        var sb = new StringBuilder();
        sb.Append("CREATE SCHEMA s2;\n");
        sb.Append("CREATE TYPE public.mood AS ENUM (").Append(string.Join(", ", MoodLabels.Select(l => "'" + l + "'"))).Append(");\n");
        sb.Append("CREATE DOMAIN s2.posint AS integer CHECK (").Append(DomainCheck).Append(");\n");
        sb.Append("CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n");
        sb.Append(CultureInfo.InvariantCulture, $"CREATE FUNCTION public.plus(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT x + {FunctionAddend}';\n");
        foreach (var (name, type, inc, max) in Sequences)
        {
            sb.Append(CultureInfo.InvariantCulture, $"CREATE SEQUENCE public.{name} AS {type} INCREMENT BY {inc}{(max is null ? "" : " MAXVALUE " + max)};\n");
        }

        foreach (var t in Tables)
        {
            AppendTable(sb, t);
        }

        foreach (var t in Tables)
        {
            foreach (var fk in t.Fks)
            {
                sb.Append(CultureInfo.InvariantCulture, $"ALTER TABLE {t.Q} ADD CONSTRAINT {fk.Name} FOREIGN KEY ({fk.Column}) REFERENCES {fk.Target} (id) ON DELETE {fk.OnDelete};\n");
            }
        }

        foreach (var (name, table, bound, mat) in Views)
        {
            sb.Append(CultureInfo.InvariantCulture, $"CREATE {(mat ? "MATERIALIZED " : "")}VIEW public.{name} AS SELECT id FROM {table} WHERE id > {bound};\n");
            if (mat)
            {
                sb.Append(CultureInfo.InvariantCulture, $"CREATE INDEX {name}_id ON public.{name} (id);\n");
            }
        }

        return sb.ToString();
    }

    private static void AppendTable(StringBuilder sb, TableSpec t)
    {
        var parts = new List<string>();
        foreach (var c in t.Columns)
        {
            var def = c.Name + " " + c.Type;
            def += c.Generated is not null ? $" GENERATED ALWAYS AS ({c.Generated}) STORED" : c.Default is not null ? " DEFAULT " + c.Default : "";
            def += c.Identity is not null ? $" GENERATED {c.Identity} AS IDENTITY" : "";
            def += c.NotNull ? " NOT NULL" : "";
            parts.Add(def);
        }

        if (t.Parent is null)
        {
            parts.Add($"CONSTRAINT {t.Name}_pkey PRIMARY KEY (id)");
        }

        parts.AddRange(t.Checks.Select(c => $"CONSTRAINT {c.Name} CHECK ({c.Expression})"));
        parts.AddRange(t.Uniques.Select(u => $"CONSTRAINT {u.Name} UNIQUE ({u.Column}" + (t.Partitions is null ? ")" : ", id)")));
        sb.Append(t.Unlogged ? "CREATE UNLOGGED TABLE " : "CREATE TABLE ").Append(t.Q).Append(" (").Append(string.Join(", ", parts)).Append(')');
        if (t.Parent is not null)
        {
            sb.Append(" INHERITS (").Append(t.Parent).Append(')');
        }

        if (t.Partitions is not null)
        {
            sb.Append(" PARTITION BY RANGE (id)");
        }

        if (t.Options.Count > 0)
        {
            sb.Append(" WITH (").Append(string.Join(", ", t.Options)).Append(')');
        }

        sb.Append(";\n");
        var lower = 0;
        foreach (var upper in t.Partitions ?? [])
        {
            sb.Append(CultureInfo.InvariantCulture, $"CREATE TABLE {t.Q}_p{upper} PARTITION OF {t.Q} FOR VALUES FROM ({lower}) TO ({upper});\n");
            lower = upper;
        }

        foreach (var i in t.Indexes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"CREATE {(i.Unique ? "UNIQUE " : "")}INDEX {i.Name} ON {t.Q} ({i.Expression}{(i.Unique && t.Partitions is not null ? ", id" : "")}){(i.Where is null ? "" : " WHERE " + i.Where)};\n");
        }

        if (t.Rls)
        {
            sb.Append("ALTER TABLE ").Append(t.Q).Append(" ENABLE ROW LEVEL SECURITY;\n");
        }

        if (t.ForceRls)
        {
            sb.Append("ALTER TABLE ").Append(t.Q).Append(" FORCE ROW LEVEL SECURITY;\n");
        }

        foreach (var (name, @using) in t.Policies)
        {
            sb.Append(CultureInfo.InvariantCulture, $"CREATE POLICY {name} ON {t.Q} USING ({@using});\n");
        }

        if (t.Trigger)
        {
            sb.Append(CultureInfo.InvariantCulture, $"CREATE TRIGGER {t.Name}_touch BEFORE INSERT OR UPDATE ON {t.Q} FOR EACH ROW EXECUTE FUNCTION public.touch();\n");
        }

        if (t.Comment is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"COMMENT ON TABLE {t.Q} IS '{t.Comment}';\n");
        }

        foreach (var c in t.Columns.Where(c => c.Comment is not null))
        {
            sb.Append(CultureInfo.InvariantCulture, $"COMMENT ON COLUMN {t.Q}.{c.Name} IS '{c.Comment}';\n");
        }
    }

    /// <summary>Three rows per table (ids 1..3) whose values satisfy every constraint the generator can make.</summary>
    public string DataSql()
    {
        var sb = new StringBuilder();
        foreach (var t in Tables)
        {
            var inherited = t.Parent is not null && Find(t.Parent) is { } parent ? parent.Columns : [];
            // identity is not inherited: a child's copy of an identity column takes explicit values
            var cols = inherited.Where(c => c.Generated is null).Concat(t.Columns.Where(c => c.Generated is null && c.Identity != "ALWAYS")).ToList();
            for (var r = 1; r <= 3; r++)
            {
                sb.Append("INSERT INTO ").Append(t.Q).Append(" (").Append(string.Join(", ", cols.Select(c => c.Name))).Append(") VALUES (")
                    .Append(string.Join(", ", cols.Select(c => c.Name.StartsWith("ref_", StringComparison.Ordinal) ? "1" : Value(c.Type, r)))).Append(");\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>A value of <paramref name="type"/> for row <paramref name="r"/> (distinct per row, non-null, within every narrower type).</summary>
    public static string Value(string type, int r) => type switch
    {
        "integer" or "bigint" or "smallint" or "numeric" or "numeric(12,2)" or "double precision" or "s2.posint" => r.ToString(CultureInfo.InvariantCulture),
        "boolean" => r % 2 == 0 ? "true" : "false",
        "date" => $"'2024-01-0{r}'",
        "timestamp with time zone" => $"'2024-01-0{r} 10:00:00+00'",
        "jsonb" => $"'{{\"r\": {r}}}'",
        "uuid" => $"'00000000-0000-0000-0000-00000000000{r}'",
        "text[]" => $"'{{a,{r}}}'",
        "public.mood" => "'a'",
        _ => $"'v{r}'",
    };
}
