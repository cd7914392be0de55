
namespace Tidemark.Lint;

/// <summary>ADD CONSTRAINT: foreign keys, CHECK, UNIQUE, PRIMARY KEY, EXCLUDE.</summary>
internal sealed partial class Analyzer
{
    private void AnalyzeAddConstraint(ObjectName table, ConstraintDef k, bool isNew, int offset)
    {
        if (k.Name is not null)
        {
            CheckIdentifier(k.Name, offset);
        }

        var name = k.Name ?? $"{table.Name}_{string.Join('_', k.Columns)}_{KindSuffix(k.Kind)}";
        var cols = string.Join(", ", k.Columns);
        switch (k.Kind)
        {
            case ConstraintKind.ForeignKey:
                Lock(table, LockMode.ShareRowExclusive);
                if (k.ReferencedTable is { } refd)
                {
                    Lock(refd, LockMode.ShareRowExclusive);
                }

                if (!isNew && !k.NotValid)
                {
                    Emit("TM107", offset,
                        $"The foreign key {name} is checked against every row of {table.Display} while SHARE ROW EXCLUSIVE on {table.Display} and {k.ReferencedTable?.Display} blocks writes to both.",
                        LockMode.ShareRowExclusive, table, rewrite: false, scan: true,
                        $"ALTER TABLE {table.Display} ADD CONSTRAINT {name} {StripNotValid(k.Body, k.Name)} NOT VALID;\n-- in the next migration (SHARE UPDATE EXCLUSIVE: reads and writes continue):\nALTER TABLE {table.Display} VALIDATE CONSTRAINT {name};");
                }

                break;
            case ConstraintKind.Check:
                Lock(table, LockMode.AccessExclusive);
                if (!isNew && !k.NotValid)
                {
                    Emit("TM108", offset,
                        $"The CHECK constraint {name} is verified against every row of {table.Display} under ACCESS EXCLUSIVE: reads and writes wait.",
                        LockMode.AccessExclusive, table, rewrite: false, scan: true,
                        $"ALTER TABLE {table.Display} ADD CONSTRAINT {name} {StripNotValid(k.Body, k.Name)} NOT VALID;\n-- in the next migration (SHARE UPDATE EXCLUSIVE: reads and writes continue):\nALTER TABLE {table.Display} VALIDATE CONSTRAINT {name};");
                }

                break;
            case ConstraintKind.Unique or ConstraintKind.PrimaryKey:
                Lock(table, LockMode.AccessExclusive);
                if (!isNew && !k.UsingIndex)
                {
                    var pk = k.Kind == ConstraintKind.PrimaryKey;
                    var index = k.Name ?? name;
                    Emit(pk ? "TM111" : "TM110", offset,
                        $"ADD {(pk ? "PRIMARY KEY" : "UNIQUE")} ({cols}) builds its index on {table.Display} under ACCESS EXCLUSIVE: reads and writes wait until the whole table is indexed.",
                        LockMode.AccessExclusive, table, rewrite: false, scan: true,
                        $"CREATE UNIQUE INDEX CONCURRENTLY {index} ON {table.Display} ({cols});  -- a migration of its own\n-- in the next migration (instant):\nALTER TABLE {table.Display} ADD CONSTRAINT {index} {(pk ? "PRIMARY KEY" : "UNIQUE")} USING INDEX {index};");
                }

                break;
            case ConstraintKind.Exclude:
                Lock(table, LockMode.AccessExclusive);
                if (!isNew)
                {
                    Emit("TM117", offset,
                        $"ADD EXCLUDE builds its index on {table.Display} under ACCESS EXCLUSIVE, and exclusion constraints cannot be added NOT VALID.",
                        LockMode.AccessExclusive, table, rewrite: false, scan: true,
                        "-- no online form: create the constraint on a new table and move the data in batches, or enforce it in a trigger");
                }

                break;
            case ConstraintKind.NotNull:
                Lock(table, LockMode.AccessExclusive);
                if (!isNew && !k.NotValid && k.Columns.Count == 1)
                {
                    AnalyzeAlterTableNotNull(table, k.Columns[0], offset);
                }

                break;
        }
    }

    private void AnalyzeAlterTableNotNull(ObjectName table, string column, int offset)
    {
        if (state.ProvenNotNull.Contains(table.Key + "/" + column))
        {
            return;
        }

        Emit("TM109", offset, $"NOT NULL on {table.Display}.{column} reads the whole table under ACCESS EXCLUSIVE to check for NULLs: reads and writes wait.",
            LockMode.AccessExclusive, table, rewrite: false, scan: true,
            $"ALTER TABLE {table.Display} ADD CONSTRAINT {table.Name}_{column}_not_null NOT NULL {column} NOT VALID;  -- PostgreSQL 18\n-- in the next migration:\nALTER TABLE {table.Display} VALIDATE CONSTRAINT {table.Name}_{column}_not_null;");
    }

    private static string KindSuffix(ConstraintKind kind) => kind switch
    {
        ConstraintKind.ForeignKey => "fkey",
        ConstraintKind.Check => "check",
        ConstraintKind.PrimaryKey => "pkey",
        ConstraintKind.Unique => "key",
        ConstraintKind.Exclude => "excl",
        _ => "not_null",
    };

    /// <summary>The constraint body without its leading <c>CONSTRAINT name</c> and trailing NOT VALID.</summary>
    private static string StripNotValid(string body, string? name)
    {
        var text = body.Trim();
        if (name is not null && text.StartsWith("CONSTRAINT", StringComparison.OrdinalIgnoreCase))
        {
            var at = text.IndexOf(' ', StringComparison.Ordinal);
            var rest = text[(at + 1)..].TrimStart();
            var nameEnd = rest.StartsWith('"') ? rest.IndexOf('"', 1) + 1 : rest.IndexOfAny([' ', '\n', '\t', '\r']);
            text = nameEnd > 0 ? rest[nameEnd..].Trim() : rest;
        }

        return text;
    }
}
