
namespace Tidemark.Lint;

/// <summary>Rules on indexes, drops, TRUNCATE and column types.</summary>
internal sealed partial class Analyzer
{
    private void AnalyzeCreateIndex(CreateIndex ci)
    {
        if (ci.Index is not null)
        {
            CheckIdentifier(ci.Index.Name, ci.Index.Offset);
        }

        if (ci.Concurrently)
        {
            Lock(ci.Table, LockMode.ShareUpdateExclusive);
            CheckConcurrentlyPlacement(ci.IfNotExists, "CREATE INDEX CONCURRENTLY IF NOT EXISTS");
            return;
        }

        Lock(ci.Table, LockMode.Share);
        if (state.IsNew(ci.Table))
        {
            return;
        }

        var text = _statement.Text;
        var safe = ConcurrentlyAfter(text, "INDEX");
        Emit("TM103", 0,
            $"CREATE INDEX on {ci.Table.Display} takes SHARE: inserts, updates and deletes wait until the whole table is read and the index built.",
            LockMode.Share, ci.Table, rewrite: false, scan: true,
            safe + ";\n-- in a migration of its own: Tidemark runs a file with CONCURRENTLY outside a transaction");
    }

    /// <summary>The statement with CONCURRENTLY inserted after its first <paramref name="keyword"/>.</summary>
    private static string ConcurrentlyAfter(string text, string keyword)
    {
        var at = text.IndexOf(keyword, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? text : text[..(at + keyword.Length)] + " CONCURRENTLY" + text[(at + keyword.Length)..];
    }

    /// <summary>TM300 (CONCURRENTLY inside a transaction) and TM305 (not re-runnable after a failure).</summary>
    private void CheckConcurrentlyPlacement(bool guarded, string guardedForm)
    {
        if (_run.Transactional || _run.AllInOneTransaction || _inExplicitTransaction)
        {
            Emit("TM300", 0,
                _run.AllInOneTransaction
                    ? "CONCURRENTLY cannot run inside a transaction block, and TransactionMode.All runs every pending migration in one."
                    : "CONCURRENTLY cannot run inside a transaction block: this statement fails with \"cannot run inside a transaction block\".",
                null, null, false, false, "-- remove BEGIN/COMMIT around it: Tidemark runs a file with CONCURRENTLY statement by statement, outside a transaction");
        }
        else if (!guarded)
        {
            Emit("TM305", 0,
                "If this fails half-way it leaves an INVALID index behind, and the same statement then fails with \"already exists\"; Tidemark resumes a non-transactional migration at this statement.",
                null, null, false, false, guardedForm + " …;  -- and check pg_index.indisvalid after a failure");
        }
    }

    private void AnalyzeDropIndex(DropIndex di)
    {
        foreach (var index in di.Indexes)
        {
            var tableKey = state.IndexTable.GetValueOrDefault(new ObjectName(index.Schema, index.Name).Key);
            var table = tableKey is null ? null : Split(tableKey);
            if (di.Concurrently)
            {
                if (table is not null)
                {
                    Lock(table, LockMode.ShareUpdateExclusive);
                }

                continue;
            }

            if (table is not null)
            {
                Lock(table, LockMode.AccessExclusive);
                if (state.IsNew(table))
                {
                    continue;
                }
            }

            Emit("TM104", index.Offset,
                $"DROP INDEX {index.Display} takes ACCESS EXCLUSIVE on {table?.Display ?? "its table"}: reads and writes wait, and wait behind any long query already running.",
                LockMode.AccessExclusive, table, false, false,
                $"DROP INDEX CONCURRENTLY IF EXISTS {index.Display};\n-- in a migration of its own: Tidemark runs it outside a transaction");
        }

        if (di.Concurrently)
        {
            if (di.Indexes.Count > 1)
            {
                _effect.Modelled = false;
            }

            CheckConcurrentlyPlacement(di.IfExists, "DROP INDEX CONCURRENTLY IF EXISTS");
        }
    }

    private static ObjectName Split(string key)
    {
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        return new ObjectName(key[..dot], key[(dot + 1)..]);
    }

    private void AnalyzeReindex(Reindex ri)
    {
        if (ri.Concurrently)
        {
            if (PostgresVersion < 12)
            {
                Emit("TM105", 0, $"REINDEX CONCURRENTLY needs PostgreSQL 12; on {PostgresVersion} this fails.", null, null, false, false, null);
            }

            CheckConcurrentlyPlacement(true, "REINDEX CONCURRENTLY");
            _effect.Modelled = false;
            return;
        }

        ObjectName? table = null;
        if (ri.Target == "INDEX" && ri.Name is not null)
        {
            var key = state.IndexTable.GetValueOrDefault(ri.Name.Key);
            table = key is null ? null : Split(key);
        }
        else if (ri.Target == "TABLE")
        {
            table = ri.Name;
        }

        if (table is not null)
        {
            Lock(table, LockMode.Share);
        }
        else
        {
            _effect.Modelled = false;
        }

        if (table is not null && state.IsNew(table))
        {
            return;
        }

        Emit("TM105", 0,
            $"REINDEX {ri.Target} {ri.Name?.Display} blocks writes to {table?.Display ?? "the table"} and locks the index ACCESS EXCLUSIVE (queries planned on it wait) until the rebuild ends.",
            LockMode.Share, table, rewrite: false, scan: true,
            PostgresVersion >= 12
                ? $"REINDEX {ri.Target} CONCURRENTLY {ri.Name?.Display};\n-- in a migration of its own: Tidemark runs it outside a transaction"
                : $"-- PostgreSQL {PostgresVersion} has no REINDEX CONCURRENTLY: CREATE INDEX CONCURRENTLY a copy, then DROP INDEX CONCURRENTLY the old one");
    }

    private void AnalyzeDrop(DropObjects drop)
    {
        if (drop.Cascade)
        {
            _effect.OpenEnded = "CASCADE also drops dependent objects";
        }

        switch (drop.Kind)
        {
            case "DATABASE":
                _effect.Modelled = false;
                Emit("TM204", 0, $"DROP DATABASE {Names(drop.Names)} in a migration destroys a whole database.", null, null, false, false, null);
                return;
            case "TABLE":
                foreach (var table in drop.Names)
                {
                    Lock(table, LockMode.AccessExclusive);
                    foreach (var fk in state.ForeignKeys.Where(fk => fk.From == table.Key || (drop.Cascade && fk.To == table.Key)))
                    {
                        var other = fk.From == table.Key ? fk.To : fk.From;
                        if (other != table.Key)
                        {
                            Lock(Split(other), LockMode.AccessExclusive);
                        }
                    }

                    if (!state.IsNew(table))
                    {
                        Emit("TM203", table.Offset,
                            $"DROP TABLE {table.Display} deletes its data; a running release that still reads or writes it fails.",
                            LockMode.AccessExclusive, table, false, false,
                            $"-- 1. deploy code that no longer uses {table.Display}\n-- 2. optionally keep a copy: ALTER TABLE {table.Display} RENAME TO {table.Name}_old;\n-- 3. in a later migration:\nDROP TABLE {table.Display};");
                    }
                }

                return;
            case "VIEW" or "MATERIALIZED VIEW":
                foreach (var v in drop.Names)
                {
                    Lock(v, LockMode.AccessExclusive);
                }

                return;
            case "SEQUENCE":
                return;
            default:
                _effect.Modelled = false;
                return;
        }
    }

    private void AnalyzeTruncate(Truncate tr)
    {
        foreach (var t in tr.Tables)
        {
            Lock(t, LockMode.AccessExclusive);
        }

        if (tr.Cascade)
        {
            _effect.Modelled = false;
            Emit("TM205", 0,
                $"TRUNCATE {Names(tr.Tables)} CASCADE also empties every table with a foreign key to it, and theirs, transitively.",
                LockMode.AccessExclusive, (tr.Tables.Count > 0 ? tr.Tables[0] : null), false, false,
                $"TRUNCATE {Names(tr.Tables)};  -- list every table to empty explicitly; without CASCADE it fails if another table references them");
        }
    }

    /// <summary>TM400–TM405 and TM410 on a column type; <paramref name="key"/> says the column is a key (primary key, identity, serial).</summary>
    private void CheckType(TypeRef type, string? column, bool key)
    {
        var of = column is null ? string.Empty : $" of {column}";
        switch (type.Name)
        {
            case "char":
                Emit("TM400", type.Offset, $"char{(type.Length is { } n ? $"({n})" : string.Empty)}{of} pads values with spaces and compares them trimmed.",
                    null, null, false, false, $"{column} text  -- with CHECK (char_length({column}) <= {type.Length ?? 1}) if the limit matters");
                break;
            case "varchar" when type.Length is { } len:
                Emit("TM401", type.Offset, $"varchar({len}){of}: the limit is enforced by the type, so raising it later is a schema change and lowering it a rewrite.",
                    null, null, false, false, $"{column} text CHECK (char_length({column}) <= {len})");
                break;
            case "timestamp":
                Emit("TM405", type.Offset, $"timestamp without time zone{of} stores a wall-clock reading without its zone; the instant is ambiguous.",
                    null, null, false, false, $"{column} timestamptz");
                break;
            case "json":
                Emit("TM410", type.Offset, $"json{of} is stored as text, reparsed on every access, and has no equality operator (SELECT DISTINCT, UNION fail).",
                    null, null, false, false, $"{column} jsonb");
                break;
        }

        if (type.Name is "serial" or "bigserial" or "smallserial")
        {
            Emit("TM404", type.Offset, $"{type.Name}{of} creates a sequence owned by the column with separate permissions; identity columns are the SQL standard.",
                null, null, false, false, $"{column} {(type.Name == "smallserial" ? "smallint" : "bigint")} GENERATED BY DEFAULT AS IDENTITY");
        }

        if (key && type.Name is "integer" or "serial")
        {
            Emit("TM402", type.Offset, $"Key{of} is a 32-bit integer: it overflows at 2,147,483,647 and widening it later rewrites the table and every referencing one.",
                null, null, false, false, $"{column} bigint");
        }
        else if (key && type.Name is "smallint" or "smallserial")
        {
            Emit("TM403", type.Offset, $"Key{of} is a smallint: it overflows at 32,767.",
                null, null, false, false, $"{column} bigint");
        }
    }
}
