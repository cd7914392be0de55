namespace Tidemark.Lint;

/// <summary>ALTER TABLE subcommands, with the lock PostgreSQL documents for each (ALTER TABLE reference page).</summary>
internal static partial class DdlParser
{
    private static AlterAction? ReadAction(DdlCursor c)
    {
        var offset = c.Peek().Offset;
        if (c.Accept("ADD"))
        {
            if (c.Is("CONSTRAINT") || c.Is("CHECK") || c.Is("UNIQUE") || c.Is("PRIMARY") || c.Is("FOREIGN") || c.Is("EXCLUDE"))
            {
                return ReadTableConstraint(c) is { } k ? new AddConstraint(k, offset) : null;
            }

            c.Accept("COLUMN");
            var ifNotExists = c.Accept("IF", "NOT", "EXISTS");
            return c.Peek().IsIdentifier ? new AddColumn(ReadColumn(c), ifNotExists, offset) : null;
        }

        if (c.Accept("DROP"))
        {
            if (c.Accept("CONSTRAINT"))
            {
                var exists = c.Accept("IF", "EXISTS");
                return new DropConstraint(c.Take().Identifier, exists, offset);
            }

            c.Accept("COLUMN");
            var ifExists = c.Accept("IF", "EXISTS");
            var column = c.Take().Identifier;
            return new DropColumn(column, ifExists, c.Is("CASCADE"), offset);
        }

        if (c.Accept("ALTER"))
        {
            c.Accept("COLUMN");
            var column = c.Take().Identifier;
            if (c.Accept("SET", "DATA", "TYPE") || c.Accept("TYPE"))
            {
                var type = ReadType(c);
                if (type is null)
                {
                    return null;
                }

                string? usingExpr = null;
                if (c.Accept("COLLATE"))
                {
                    c.ReadName();
                }

                if (c.Accept("USING"))
                {
                    var start = c.Position;
                    c.SkipToItemEnd();
                    usingExpr = c.Slice(start, c.Position);
                }

                return new AlterColumnType(column, type, usingExpr, offset);
            }

            if (c.Accept("SET", "NOT", "NULL"))
            {
                return new SetNotNull(column, offset);
            }

            if (c.Accept("DROP", "NOT", "NULL"))
            {
                return new DropNotNull(column, offset);
            }

            if (c.Accept("SET", "DEFAULT"))
            {
                var start = c.Position;
                c.SkipToItemEnd();
                return new SetDefault(column, c.Slice(start, c.Position), offset);
            }

            if (c.Accept("DROP", "DEFAULT"))
            {
                return new DropDefault(column, offset);
            }

            if (c.Accept("SET", "STATISTICS") || (c.Is("SET") && c.IsOpen(1)) || c.Is("RESET"))
            {
                return new OtherAction("ALTER COLUMN SET STATISTICS/OPTIONS", LockMode.ShareUpdateExclusive, false, offset);
            }

            if (c.Accept("SET", "EXPRESSION"))
            {
                return new OtherAction("ALTER COLUMN SET EXPRESSION", LockMode.AccessExclusive, true, offset);
            }

            return new OtherAction("ALTER COLUMN " + c.Peek().Upper, LockMode.AccessExclusive, false, offset);
        }

        if (c.Accept("VALIDATE", "CONSTRAINT"))
        {
            return new ValidateConstraint(c.Take().Identifier, offset);
        }

        if (c.Accept("RENAME"))
        {
            if (c.Accept("TO"))
            {
                return new RenameTable(c.Take().Identifier, offset);
            }

            if (c.Accept("CONSTRAINT"))
            {
                var from = c.Take().Identifier;
                c.Accept("TO");
                return new RenameConstraint(from, c.Take().Identifier, offset);
            }

            c.Accept("COLUMN");
            var column = c.Take().Identifier;
            c.Accept("TO");
            return new RenameColumn(column, c.Take().Identifier, offset);
        }

        if (c.Accept("SET", "SCHEMA"))
        {
            return new SetSchema(c.Take().Identifier, offset);
        }

        if (c.Accept("ATTACH", "PARTITION"))
        {
            return c.ReadName() is { } p ? new AttachPartition(p, offset) : null;
        }

        if (c.Accept("DETACH", "PARTITION"))
        {
            var p = c.ReadName();
            return p is null ? null : new DetachPartition(p, c.Is("CONCURRENTLY"), c.Is("FINALIZE"), offset);
        }

        if (c.Accept("SET", "LOGGED") || c.Accept("SET", "UNLOGGED") || c.Accept("SET", "ACCESS", "METHOD"))
        {
            return new OtherAction("SET LOGGED/UNLOGGED/ACCESS METHOD", LockMode.AccessExclusive, true, offset);
        }

        if (c.Accept("SET", "TABLESPACE"))
        {
            return new OtherAction("SET TABLESPACE", LockMode.AccessExclusive, true, offset);
        }

        if ((c.Is("SET") && c.IsOpen(1)) || c.Is("RESET") || c.Accept("CLUSTER", "ON") || c.Accept("SET", "WITHOUT", "CLUSTER"))
        {
            return new OtherAction("SET (storage parameters) / CLUSTER ON", LockMode.ShareUpdateExclusive, false, offset);
        }

        if ((c.Is("ENABLE") || c.Is("DISABLE")) && (c.Is("TRIGGER", 1) || c.Is("REPLICA", 1) || c.Is("ALWAYS", 1)))
        {
            return new OtherAction("ENABLE/DISABLE TRIGGER", LockMode.ShareRowExclusive, false, offset);
        }

        var words = c.Peek().Upper + (c.Peek(1).IsWord ? " " + c.Peek(1).Upper : string.Empty);
        return new OtherAction(words, LockMode.AccessExclusive, false, offset);
    }
}
