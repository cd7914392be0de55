namespace Tidemark.Lint;

/// <summary>
/// Parses one statement (already split by <see cref="Sql.SqlSplitter"/>) into the shape the lint
/// rules need: table and index DDL in detail (columns, types, constraints, ALTER TABLE
/// subcommands), everything else by its leading keywords. It never throws: what it does not
/// understand becomes <see cref="OtherStatement"/>, so lint is quiet rather than wrong on exotic SQL.
/// </summary>
internal static partial class DdlParser
{
    public static DdlStatement Parse(string text, string keyword)
    {
        try
        {
            var c = DdlCursor.Of(text);
            return ParseCore(c, keyword) ?? new OtherStatement(keyword);
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentOutOfRangeException or Sql.SqlSyntaxException)
        {
            return new OtherStatement(keyword);
        }
    }

    private static DdlStatement? ParseCore(DdlCursor c, string keyword)
    {
        switch (c.Peek().Upper)
        {
            case "CREATE":
                return ParseCreate(c);
            case "ALTER":
                return ParseAlter(c);
            case "DROP":
                return ParseDrop(c);
            case "REINDEX":
                return ParseReindex(c);
            case "TRUNCATE":
                return ParseTruncate(c);
            case "VACUUM":
                return ParseVacuum(c);
            case "CLUSTER":
                c.Position++;
                c.AcceptPunct('(');
                return new Cluster(c.Peek().IsIdentifier && !c.Is("VERBOSE") ? c.ReadName() : null);
            case "BEGIN" or "START" or "COMMIT" or "END" or "ROLLBACK" or "ABORT" or "SAVEPOINT" or "RELEASE":
                return new TransactionControl(c.Peek().Upper == "START" ? "BEGIN" : c.Peek().Upper is "END" ? "COMMIT" : c.Peek().Upper is "ABORT" ? "ROLLBACK" : c.Peek().Upper);
            case "SET":
                return ParseSet(c);
            case "REFRESH":
                c.Position++;
                if (c.Accept("MATERIALIZED", "VIEW"))
                {
                    var concurrently = c.Accept("CONCURRENTLY");
                    var name = c.ReadName();
                    return name is null ? null : new RefreshMaterializedView(name, concurrently);
                }

                return null;
            case "UPDATE":
                return ParseUpdate(c);
            case "INSERT":
                c.Position++;
                return c.Accept("INTO") && c.ReadName() is { } ins ? new Dml("INSERT", ins) : null;
            case "DELETE":
                c.Position++;
                if (c.Accept("FROM"))
                {
                    c.Accept("ONLY");
                    return c.ReadName() is { } del ? new Dml("DELETE", del) : null;
                }

                return null;
            case "COMMENT":
                c.Position++;
                if (c.Accept("ON"))
                {
                    var kind = c.Take().Upper;
                    if (kind == "COLUMN")
                    {
                        var name = c.ReadName();
                        return new CommentOn(kind, name?.Schema is null ? null : new ObjectName(null, name.Schema, name.Offset));
                    }

                    return new CommentOn(kind, kind is "TABLE" ? c.ReadName() : null);
                }

                return null;
            default:
                return null;
        }
    }

    private static DdlStatement? ParseCreate(DdlCursor c)
    {
        c.Position++;
        c.Accept("OR", "REPLACE");
        if (c.Accept("UNIQUE", "INDEX"))
        {
            return ParseCreateIndex(c, unique: true);
        }

        if (c.Accept("INDEX"))
        {
            return ParseCreateIndex(c, unique: false);
        }

        var temporary = c.Accept("TEMPORARY") || c.Accept("TEMP") || c.Accept("GLOBAL", "TEMPORARY") || c.Accept("LOCAL", "TEMPORARY");
        var unlogged = c.Accept("UNLOGGED");
        if (c.Accept("TABLE"))
        {
            return ParseCreateTable(c, temporary, unlogged);
        }

        if (c.Accept("TYPE"))
        {
            var name = c.ReadName();
            return name is not null && c.Accept("AS", "ENUM") ? new CreateEnum(name) : null;
        }

        if (c.Accept("DOMAIN"))
        {
            var name = c.ReadName();
            if (name is null)
            {
                return null;
            }

            c.Accept("AS");
            var type = ReadType(c);
            var hasConstraint = false;
            while (!c.AtEnd)
            {
                if (c.Is("CHECK") || c.Is("CONSTRAINT"))
                {
                    hasConstraint = true;
                }

                c.Position++;
            }

            return new CreateDomain(name, hasConstraint, type);
        }

        if (c.Accept("CONSTRAINT", "TRIGGER") || c.Accept("TRIGGER"))
        {
            while (!c.AtEnd && !c.Is("ON"))
            {
                c.Position++;
            }

            return c.Accept("ON") && c.ReadName() is { } table ? new CreateTrigger(table) : null;
        }

        var materialized = c.Accept("MATERIALIZED");
        c.Accept("RECURSIVE");
        if (c.Accept("VIEW"))
        {
            c.Accept("IF", "NOT", "EXISTS");
            var name = c.ReadName();
            if (name is null)
            {
                return null;
            }

            var columns = c.IsOpen() ? c.ReadIdentifierList() : [];
            if (columns.Count == 0)
            {
                columns = SelectListNames(c);
            }

            return new CreateView(name, columns, materialized);
        }

        if (c.Accept("POLICY"))
        {
            c.Take();
            return c.Accept("ON") && c.ReadName() is { } t ? new CreatePolicy(t) : null;
        }

        return null;
    }

    /// <summary>The output names of a view's top-level SELECT list (aliases, or the last part of a column reference).</summary>
    private static List<string> SelectListNames(DdlCursor c)
    {
        var names = new List<string>();
        while (!c.AtEnd && !c.Is("SELECT"))
        {
            c.Position++;
        }

        if (!c.Accept("SELECT"))
        {
            return names;
        }

        c.Accept("DISTINCT");
        while (!c.AtEnd)
        {
            var start = c.Position;
            var item = c.SkipToItemEnd();
            string? name = null;
            for (var i = 0; i < item.Count; i++)
            {
                if (item[i].Upper == "FROM")
                {
                    c.Position = start + i;
                    item = item[..i];
                    break;
                }
            }

            if (item.Count >= 2 && item[^2].Upper == "AS" && item[^1].IsIdentifier)
            {
                name = item[^1].Identifier;
            }
            else if (item.Count >= 1 && item[^1].IsIdentifier && (item.Count == 1 || item[^2].IsPunct('.')))
            {
                name = item[^1].Identifier;
            }

            if (name is not null)
            {
                names.Add(name);
            }

            if (c.Is("FROM") || !c.AcceptPunct(','))
            {
                break;
            }
        }

        return names;
    }

    private static CreateIndex? ParseCreateIndex(DdlCursor c, bool unique)
    {
        var concurrently = c.Accept("CONCURRENTLY");
        var ifNotExists = c.Accept("IF", "NOT", "EXISTS");
        ObjectName? index = null;
        if (!c.Is("ON"))
        {
            index = c.ReadName();
        }

        if (!c.Accept("ON"))
        {
            return null;
        }

        var only = c.Accept("ONLY");
        var table = c.ReadName();
        return table is null ? null : new CreateIndex(index, table, concurrently, unique, ifNotExists, only);
    }

    private static DdlStatement? ParseDrop(DdlCursor c)
    {
        c.Position++;
        if (c.Accept("TRIGGER") || c.Accept("POLICY") || c.Accept("RULE"))
        {
            c.Accept("IF", "EXISTS");
            c.Take();
            return c.Accept("ON") && c.ReadName() is { } on ? new DropTrigger(on) : null;
        }

        if (c.Accept("INDEX"))
        {
            var concurrently = c.Accept("CONCURRENTLY");
            var ifExists = c.Accept("IF", "EXISTS");
            return new DropIndex(ReadNames(c), concurrently, ifExists);
        }

        var kind = c.Peek().Upper;
        if (kind == "MATERIALIZED" && c.Is("VIEW", 1))
        {
            c.Position++;
            kind = "MATERIALIZED VIEW";
        }
        else if (kind == "FOREIGN" && c.Is("TABLE", 1))
        {
            c.Position++;
            kind = "TABLE";
        }

        if (kind is not ("TABLE" or "DATABASE" or "SCHEMA" or "VIEW" or "MATERIALIZED VIEW" or "TYPE" or "DOMAIN" or "SEQUENCE"))
        {
            return null;
        }

        c.Position++;
        var exists = c.Accept("IF", "EXISTS");
        var names = ReadNames(c);
        var cascade = false;
        while (!c.AtEnd)
        {
            cascade |= c.Take().Upper == "CASCADE";
        }

        return new DropObjects(kind, names, exists, cascade);
    }

    private static List<ObjectName> ReadNames(DdlCursor c)
    {
        var names = new List<ObjectName>();
        while (c.ReadName() is { } n)
        {
            names.Add(n);
            if (!c.AcceptPunct(','))
            {
                break;
            }
        }

        return names;
    }

    private static Reindex ParseReindex(DdlCursor c)
    {
        c.Position++;
        var concurrently = false;
        if (c.IsOpen())
        {
            var start = c.Position;
            c.SkipGroup();
            for (var i = start; i < c.Position; i++)
            {
                concurrently |= c[i].Upper == "CONCURRENTLY";
            }
        }

        var target = c.Take().Upper;
        concurrently |= c.Accept("CONCURRENTLY");
        return new Reindex(target, c.ReadName(), concurrently);
    }

    private static Truncate ParseTruncate(DdlCursor c)
    {
        c.Position++;
        c.Accept("TABLE");
        c.Accept("ONLY");
        var names = ReadNames(c);
        var cascade = false;
        while (!c.AtEnd)
        {
            cascade |= c.Take().Upper == "CASCADE";
        }

        return new Truncate(names, cascade);
    }

    private static Vacuum ParseVacuum(DdlCursor c)
    {
        c.Position++;
        var full = false;
        if (c.IsOpen())
        {
            var start = c.Position;
            c.SkipGroup();
            for (var i = start; i < c.Position; i++)
            {
                full |= c[i].Upper == "FULL" && !(c[i + 1].Upper is "FALSE" or "OFF" || c[i + 1].Text == "0");
            }
        }

        while (c.Peek().Upper is "FULL" or "FREEZE" or "VERBOSE" or "ANALYZE" or "ANALYSE")
        {
            full |= c.Take().Upper == "FULL";
        }

        return new Vacuum(full, ReadNames(c));
    }

    private static SetSetting? ParseSet(DdlCursor c)
    {
        c.Position++;
        var local = c.Accept("LOCAL");
        c.Accept("SESSION");
        if (!c.Peek().IsIdentifier)
        {
            return null;
        }

        var name = c.Take().Identifier;
        if (!c.Accept("TO") && !c.AcceptPunct('='))
        {
            return null;
        }

        var value = c.Slice(c.Position, c.Count).Trim('\'', ' ');
        return new SetSetting(name, value, local);
    }

    private static DdlStatement? ParseUpdate(DdlCursor c)
    {
        c.Position++;
        c.Accept("ONLY");
        var table = c.ReadName();
        if (table is null)
        {
            return null;
        }

        if (c.Peek().IsIdentifier && !c.Is("SET"))
        {
            c.Accept("AS");
            c.Position++;
        }

        if (!c.Accept("SET"))
        {
            return new Dml("UPDATE", table);
        }

        var assignments = new List<(string, int)>();
        var end = c.FindTopLevel("FROM", "WHERE", "RETURNING");
        while (c.Position < end)
        {
            if (c.IsOpen())
            {
                var offset = c.Peek().Offset;
                assignments.AddRange(c.ReadIdentifierList().Select(n => (n, offset)));
            }
            else if (c.Peek().IsIdentifier)
            {
                var t = c.Take();
                var col = t.Identifier;
                while (c.IsPunct('.') || c.IsPunct('['))
                {
                    c.SkipToItemEnd();
                }

                assignments.Add((col, t.Offset));
            }

            c.SkipToItemEnd();
            if (c.Position >= end || !c.AcceptPunct(','))
            {
                break;
            }
        }

        return new Update(table, assignments);
    }
}
