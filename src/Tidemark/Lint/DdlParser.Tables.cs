using Tidemark.Sql;

namespace Tidemark.Lint;

/// <summary>CREATE TABLE, ALTER TABLE and the column, type and constraint grammar they share.</summary>
internal static partial class DdlParser
{
    private static readonly HashSet<string> ColumnConstraintWords =
        ["NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE", "REFERENCES", "CHECK", "CONSTRAINT", "GENERATED", "COLLATE", "USING", "DEFERRABLE", "INITIALLY", "COMPRESSION", "STORAGE"];

    private static CreateTable? ParseCreateTable(DdlCursor c, bool temporary, bool unlogged)
    {
        c.Accept("IF", "NOT", "EXISTS");
        var table = c.ReadName();
        if (table is null)
        {
            return null;
        }

        ObjectName? partitionOf = null;
        if (c.Accept("PARTITION", "OF"))
        {
            partitionOf = c.ReadName();
        }
        else if (c.Accept("OF"))
        {
            c.ReadName();
        }

        var columns = new List<ColumnDef>();
        var constraints = new List<ConstraintDef>();
        if (c.IsOpen())
        {
            c.Position++;
            while (!c.AtEnd && !c.IsClose())
            {
                if (c.Is("CONSTRAINT") || c.Is("CHECK") || c.Is("UNIQUE") || c.Is("PRIMARY") || c.Is("FOREIGN") || c.Is("EXCLUDE"))
                {
                    if (ReadTableConstraint(c) is { } k)
                    {
                        constraints.Add(k);
                    }
                }
                else if (c.Is("LIKE"))
                {
                    c.SkipToItemEnd();
                }
                else if (c.Peek().IsIdentifier)
                {
                    columns.Add(ReadColumn(c, withType: partitionOf is null));
                }

                c.SkipToItemEnd();
                c.AcceptPunct(',');
            }

            c.AcceptPunct(')');
        }

        var asQuery = c.FindTopLevel("AS") < c.Count;
        return new CreateTable(table, columns, constraints, temporary, unlogged, partitionOf, asQuery);
    }

    /// <summary>Reads <c>name type [constraints]</c>, leaving the cursor at the ',' or ')' after it.</summary>
    private static ColumnDef ReadColumn(DdlCursor c, bool withType = true)
    {
        var nameToken = c.Take();
        var type = withType && !ColumnConstraintWords.Contains(c.Peek().Upper) ? ReadType(c) : null;
        var notNull = false;
        var primaryKey = false;
        var unique = false;
        var check = false;
        string? defaultExpr = null;
        ObjectName? references = null;
        var generation = Generation.None;
        while (!c.AtEnd && !c.IsPunct(',') && !c.IsClose())
        {
            if (c.Accept("NOT", "NULL"))
            {
                notNull = true;
            }
            else if (c.Accept("PRIMARY", "KEY"))
            {
                primaryKey = true;
                notNull = true;
            }
            else if (c.Accept("UNIQUE"))
            {
                unique = true;
            }
            else if (c.Accept("DEFAULT"))
            {
                var start = c.Position;
                while (!c.AtEnd && !c.IsPunct(',') && !c.IsClose() && !ColumnConstraintWords.Contains(c.Peek().Upper))
                {
                    if (c.IsOpen())
                    {
                        c.SkipGroup();
                    }
                    else
                    {
                        c.Position++;
                    }
                }

                defaultExpr = c.Slice(start, c.Position);
            }
            else if (c.Accept("REFERENCES"))
            {
                references = c.ReadName();
            }
            else if (c.Accept("CHECK"))
            {
                check = true;
                c.SkipGroup();
            }
            else if (c.Accept("GENERATED"))
            {
                var start = c.Position;
                while (!c.AtEnd && !c.IsPunct(',') && !c.IsClose() && !c.Is("IDENTITY") && !c.IsOpen())
                {
                    c.Position++;
                }

                if (c.Accept("IDENTITY"))
                {
                    generation = Generation.Identity;
                    notNull = true;
                    c.SkipGroup();
                }
                else
                {
                    c.SkipGroup();
                    generation = c.Accept("VIRTUAL") ? Generation.Virtual : Generation.Stored;
                    c.Accept("STORED");
                }

                _ = start;
            }
            else if (c.IsOpen())
            {
                c.SkipGroup();
            }
            else
            {
                c.Position++;
            }
        }

        return new ColumnDef(nameToken.Identifier, nameToken.Offset, type, notNull, defaultExpr, generation, primaryKey, unique, references, check);
    }

    /// <summary>Reads a type name with its modifiers and array brackets, normalized (<c>int4</c> → integer, <c>character varying(20)</c> → varchar).</summary>
    internal static TypeRef? ReadType(DdlCursor c)
    {
        if (!c.Peek().IsIdentifier)
        {
            return null;
        }

        var start = c.Position;
        var offset = c.Peek().Offset;
        var first = c.ReadName()!;
        var words = new List<string> { first.Name };
        string[] continuations = ["VARYING", "PRECISION", "WITH", "WITHOUT", "TIME", "ZONE"];
        while (c.Peek().IsWord && Array.IndexOf(continuations, c.Peek().Upper) >= 0)
        {
            words.Add(c.Take().Upper.ToLowerInvariant());
        }

        var modifiers = new List<int>();
        if (c.IsOpen())
        {
            var groupStart = c.Position;
            c.SkipGroup();
            for (var i = groupStart + 1; i < c.Position - 1; i++)
            {
                if (c[i].Kind == SqlTokenKind.Number && int.TryParse(c[i].Text, out var n))
                {
                    modifiers.Add(n);
                }
            }

            // timestamp(3) with time zone: the zone words come after the precision.
            while (c.Peek().IsWord && Array.IndexOf(continuations, c.Peek().Upper) >= 0)
            {
                words.Add(c.Take().Upper.ToLowerInvariant());
            }
        }

        var isArray = false;
        while (c.IsPunct('[') || c.Is("ARRAY"))
        {
            isArray = true;
            c.Position++;
            while (!c.AtEnd && !c.IsPunct(']') && c.Peek().Kind == SqlTokenKind.Number)
            {
                c.Position++;
            }

            c.AcceptPunct(']');
        }

        var joined = string.Join(' ', words).ToLowerInvariant();
        var name = first.Schema is "pg_catalog" or null ? Normalize(joined) : first.Schema + "." + joined;
        return new TypeRef(name, modifiers, isArray, c.Slice(start, c.Position), offset);
    }

    private static string Normalize(string type) => type switch
    {
        "int" or "integer" or "int4" => "integer",
        "int2" or "smallint" => "smallint",
        "int8" or "bigint" => "bigint",
        "serial" or "serial4" => "serial",
        "bigserial" or "serial8" => "bigserial",
        "smallserial" or "serial2" => "smallserial",
        "varchar" or "character varying" => "varchar",
        "char" or "character" or "bpchar" => "char",
        "timestamp" or "timestamp without time zone" => "timestamp",
        "timestamptz" or "timestamp with time zone" => "timestamptz",
        "time" or "time without time zone" => "time",
        "timetz" or "time with time zone" => "timetz",
        "decimal" or "numeric" => "numeric",
        "float8" or "double precision" or "float" => "double precision",
        "float4" or "real" => "real",
        "bool" or "boolean" => "boolean",
        "varbit" or "bit varying" => "varbit",
        _ => type,
    };

    /// <summary>Reads a table constraint (<c>[CONSTRAINT name] CHECK (…) | UNIQUE (…) | PRIMARY KEY (…) | FOREIGN KEY (…) REFERENCES t | EXCLUDE …</c>).</summary>
    private static ConstraintDef? ReadTableConstraint(DdlCursor c)
    {
        var offset = c.Peek().Offset;
        var bodyStart = c.Position;
        string? name = null;
        if (c.Accept("CONSTRAINT"))
        {
            name = c.Take().Identifier;
        }

        ConstraintKind kind;
        var columns = new List<string>();
        ObjectName? referenced = null;
        var usingIndex = false;
        if (c.Accept("CHECK"))
        {
            kind = ConstraintKind.Check;
            c.SkipGroup();
        }
        else if (c.Accept("UNIQUE"))
        {
            kind = ConstraintKind.Unique;
            c.Accept("NULLS", "NOT", "DISTINCT");
            c.Accept("NULLS", "DISTINCT");
            columns = c.ReadIdentifierList();
        }
        else if (c.Accept("PRIMARY", "KEY"))
        {
            kind = ConstraintKind.PrimaryKey;
            columns = c.ReadIdentifierList();
        }
        else if (c.Accept("FOREIGN", "KEY"))
        {
            kind = ConstraintKind.ForeignKey;
            columns = c.ReadIdentifierList();
            if (c.Accept("REFERENCES"))
            {
                referenced = c.ReadName();
            }
        }
        else if (c.Accept("EXCLUDE"))
        {
            kind = ConstraintKind.Exclude;
        }
        else if (c.Accept("NOT", "NULL"))
        {
            kind = ConstraintKind.NotNull;
            if (c.Peek().IsIdentifier)
            {
                columns.Add(c.Take().Identifier);
            }
        }
        else
        {
            return null;
        }

        var notValid = false;
        while (!c.AtEnd && !c.IsPunct(',') && !c.IsClose())
        {
            if (c.Accept("NOT", "VALID"))
            {
                notValid = true;
            }
            else if (c.Accept("USING", "INDEX"))
            {
                usingIndex = !c.Is("TABLESPACE");
            }
            else if (c.IsOpen())
            {
                c.SkipGroup();
            }
            else
            {
                c.Position++;
            }
        }

        return new ConstraintDef(kind, name, notValid, usingIndex, columns, referenced, c.Slice(bodyStart, c.Position), offset);
    }

    private static DdlStatement? ParseAlter(DdlCursor c)
    {
        c.Position++;
        if (c.Accept("TYPE"))
        {
            var type = c.ReadName();
            if (type is null)
            {
                return null;
            }

            if (c.Accept("ADD", "VALUE"))
            {
                var ifNotExists = c.Accept("IF", "NOT", "EXISTS");
                var value = c.Take().Text;
                return new AlterTypeAddValue(type, value, c.Is("BEFORE") || c.Is("AFTER"), ifNotExists);
            }

            return c.Accept("RENAME", "VALUE") ? new AlterTypeRenameValue(type) : null;
        }

        if (c.Accept("DOMAIN"))
        {
            var domain = c.ReadName();
            if (domain is null || !c.Accept("ADD"))
            {
                return null;
            }

            var notValid = false;
            while (!c.AtEnd)
            {
                notValid |= c.Accept("NOT", "VALID");
                c.Position++;
            }

            return new AlterDomainAddConstraint(domain, notValid);
        }

        string kind;
        if (c.Accept("TABLE"))
        {
            kind = "TABLE";
        }
        else if (c.Accept("FOREIGN", "TABLE"))
        {
            kind = "FOREIGN TABLE";
        }
        else if (c.Accept("MATERIALIZED", "VIEW"))
        {
            kind = "MATERIALIZED VIEW";
        }
        else
        {
            return null;
        }

        if (c.Is("ALL"))
        {
            return null;
        }

        var ifExists = c.Accept("IF", "EXISTS");
        c.Accept("ONLY");
        var table = c.ReadName();
        if (table is null)
        {
            return null;
        }

        c.AcceptPunct('*');
        var actions = new List<AlterAction>();
        while (!c.AtEnd)
        {
            if (ReadAction(c) is { } action)
            {
                actions.Add(action);
            }

            c.SkipToItemEnd();
            if (!c.AcceptPunct(','))
            {
                break;
            }
        }

        return new AlterTable(table, actions, ifExists, kind);
    }
}
