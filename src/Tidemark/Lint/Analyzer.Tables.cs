
namespace Tidemark.Lint;

/// <summary>Rules on CREATE TABLE and ALTER TABLE.</summary>
internal sealed partial class Analyzer
{
    private bool _inExplicitTransaction;

    /// <summary>Set by the engine while a no-transaction file is between its own BEGIN and COMMIT.</summary>
    public bool InExplicitTransaction
    {
        get => _inExplicitTransaction;
        set => _inExplicitTransaction = value;
    }

    private void AnalyzeCreateTable(CreateTable ct)
    {
        CheckIdentifier(ct.Table.Name, ct.Table.Offset);
        CheckDuplicates(ct.Columns.Select(c => (c.Name, c.Offset)), $"table {ct.Table.Display}");
        var keys = new HashSet<string>(ct.Constraints.Where(k => k.Kind == ConstraintKind.PrimaryKey).SelectMany(k => k.Columns), StringComparer.Ordinal);
        foreach (var col in ct.Columns)
        {
            CheckIdentifier(col.Name, col.Offset);
            if (col.Type is not null)
            {
                CheckType(col.Type, col.Name, IsKey(col, keys));
            }

            if (col.References is { } refd && refd.Key != ct.Table.Key)
            {
                Lock(refd, LockMode.ShareRowExclusive);
            }
        }

        foreach (var k in ct.Constraints)
        {
            if (k.Name is not null)
            {
                CheckIdentifier(k.Name, k.Offset);
            }

            if (k.ReferencedTable is { } refd && refd.Key != ct.Table.Key)
            {
                Lock(refd, LockMode.ShareRowExclusive);
            }
        }

        if (ct.PartitionOf is { } parent)
        {
            Lock(parent, LockMode.AccessExclusive);
        }
    }

    private static bool IsKey(ColumnDef col, HashSet<string> keys) =>
        col.PrimaryKey || keys.Contains(col.Name) || col.Generation == Generation.Identity;

    private void AnalyzeAlterTable(AlterTable at)
    {
        var table = at.Table;
        var isNew = state.IsNew(table);
        var info = state.Find(table);
        foreach (var action in at.Actions)
        {
            var off = action.Offset - _statement.StartOffset >= 0 ? action.Offset : action.Offset;
            switch (action)
            {
                case AddColumn add:
                    AnalyzeAddColumn(table, add, isNew);
                    break;
                case DropColumn drop:
                    Lock(table, LockMode.AccessExclusive);
                    if (!isNew)
                    {
                        Emit("TM202", off, $"Dropping {table.Display}.{drop.Column} deletes its data; a running release that still selects or inserts it fails.",
                            LockMode.AccessExclusive, table, false, false,
                            $"-- 1. deploy code that no longer reads or writes {drop.Column}\n-- 2. in a later migration:\nALTER TABLE {table.Display} DROP COLUMN {drop.Column};");
                    }

                    break;
                case AlterColumnType change:
                    CheckType(change.Type, change.Column, key: false);
                    var old = info?.Columns.GetValueOrDefault(change.Column);
                    var coercible = TypeChanges.IsBinaryCoercible(old, change.Type, change.Using);
                    Lock(table, LockMode.AccessExclusive, rewrite: !coercible && old is not null);
                    if (!isNew && !coercible)
                    {
                        var from = old is null ? "its current type" : old.Display;
                        Emit("TM112", off,
                            $"Changing {table.Display}.{change.Column} from {from} to {change.Type.Display} rewrites the table and its indexes under ACCESS EXCLUSIVE{(old is null ? " (unless the old type is binary-coercible to the new one)" : string.Empty)}: reads and writes wait until it finishes.",
                            LockMode.AccessExclusive, table, rewrite: true, scan: false,
                            $"ALTER TABLE {table.Display} ADD COLUMN {change.Column}_new {change.Type.Display};\n-- keep both columns in step (trigger or application), backfill in batches:\nUPDATE {table.Display} SET {change.Column}_new = {change.Column} WHERE id BETWEEN $1 AND $2;\n-- then switch readers to {change.Column}_new and drop {change.Column} in a later migration");
                    }

                    break;
                case SetNotNull snn:
                    Lock(table, LockMode.AccessExclusive);
                    if (!isNew && !state.ProvenNotNull.Contains(table.Key + "/" + snn.Column))
                    {
                        var check = $"{table.Name}_{snn.Column}_not_null";
                        Emit("TM109", off,
                            $"SET NOT NULL on {table.Display}.{snn.Column} reads the whole table under ACCESS EXCLUSIVE to check for NULLs: reads and writes wait.",
                            LockMode.AccessExclusive, table, rewrite: false, scan: true,
                            PostgresVersion >= 12
                                ? $"ALTER TABLE {table.Display} ADD CONSTRAINT {check} CHECK ({snn.Column} IS NOT NULL) NOT VALID;\n-- in the next migration:\nALTER TABLE {table.Display} VALIDATE CONSTRAINT {check};\nALTER TABLE {table.Display} ALTER COLUMN {snn.Column} SET NOT NULL;  -- no scan: the valid CHECK proves it\nALTER TABLE {table.Display} DROP CONSTRAINT {check};"
                                : $"ALTER TABLE {table.Display} ADD CONSTRAINT {check} CHECK ({snn.Column} IS NOT NULL) NOT VALID;\n-- in the next migration:\nALTER TABLE {table.Display} VALIDATE CONSTRAINT {check};  -- PostgreSQL {PostgresVersion} still scans on SET NOT NULL; keep the CHECK instead");
                    }

                    break;
                case DropNotNull dnn:
                    Lock(table, LockMode.AccessExclusive);
                    if (!isNew)
                    {
                        Emit("TM208", off, $"{table.Display}.{dnn.Column} may now be NULL: code of the running release that assumes a value can fail.",
                            LockMode.AccessExclusive, table, false, false, "-- deploy code that handles NULL in this column first");
                    }

                    break;
                case AddConstraint add:
                    AnalyzeAddConstraint(table, add.Constraint, isNew, off);
                    break;
                case ValidateConstraint v:
                    Lock(table, LockMode.ShareUpdateExclusive);
                    if (state.NotValidThisMigration.Contains(table.Key + "/" + v.Name))
                    {
                        Emit("TM116", off,
                            $"Constraint {v.Name} is validated in the migration that added it NOT VALID: the transaction still holds the lock ADD CONSTRAINT took, so the scan blocks as if NOT VALID were not there.",
                            LockMode.AccessExclusive, table, false, scan: true,
                            $"-- move this to the next migration:\nALTER TABLE {table.Display} VALIDATE CONSTRAINT {v.Name};");
                    }

                    break;
                case DropConstraint dc:
                    Lock(table, LockMode.AccessExclusive);
                    foreach (var fk in state.ForeignKeys.Where(fk => fk.From == table.Key && fk.Name == dc.Name))
                    {
                        Lock(Split(fk.To), LockMode.AccessExclusive);
                    }

                    break;
                case RenameColumn rc:
                    Lock(table, LockMode.AccessExclusive);
                    CheckIdentifier(rc.To, off);
                    if (!isNew)
                    {
                        Emit("TM206", off, $"Renaming {table.Display}.{rc.From} to {rc.To}: the running release still uses {rc.From} and fails until it is replaced.",
                            LockMode.AccessExclusive, table, false, false,
                            $"ALTER TABLE {table.Display} ADD COLUMN {rc.To} <type>;\n-- write both columns from the application, backfill {rc.To} from {rc.From} in batches,\n-- switch reads to {rc.To}, then drop {rc.From} in a later migration");
                    }

                    break;
                case RenameTable rt:
                    Lock(table, LockMode.AccessExclusive);
                    CheckIdentifier(rt.To, off);
                    if (!isNew)
                    {
                        Emit("TM207", off, $"Renaming {table.Display} to {rt.To}: the running release still queries {table.Name} and fails until it is replaced.",
                            LockMode.AccessExclusive, table, false, false,
                            $"ALTER TABLE {table.Display} RENAME TO {rt.To};\nCREATE VIEW {table.Display} AS SELECT * FROM {(table.Schema is null ? string.Empty : table.Schema + ".")}{rt.To};  -- old name keeps working (simple views are updatable)\n-- drop the view once no code uses {table.Name}");
                    }

                    break;
                case SetDefault or DropDefault or RenameConstraint or SetSchema:
                    Lock(table, LockMode.AccessExclusive);
                    break;
                case AttachPartition ap:
                    Lock(table, PostgresVersion >= 12 ? LockMode.ShareUpdateExclusive : LockMode.AccessExclusive);
                    Lock(ap.Partition, LockMode.AccessExclusive);
                    break;
                case DetachPartition dp:
                    if (dp.Concurrently || dp.Finalize)
                    {
                        CheckConcurrentlyPlacement(true, "DETACH PARTITION CONCURRENTLY");
                        _effect.Modelled = false;
                        break;
                    }

                    Lock(table, LockMode.AccessExclusive);
                    Lock(dp.Partition, LockMode.AccessExclusive);
                    if (!isNew)
                    {
                        Emit("TM106", off, $"DETACH PARTITION {dp.Partition.Display} takes ACCESS EXCLUSIVE on {table.Display}: reads and writes of every partition wait.",
                            LockMode.AccessExclusive, table, false, false,
                            PostgresVersion >= 14
                                ? $"ALTER TABLE {table.Display} DETACH PARTITION {dp.Partition.Display} CONCURRENTLY;\n-- in a migration of its own: Tidemark runs it outside a transaction"
                                : $"-- PostgreSQL {PostgresVersion} has no DETACH PARTITION CONCURRENTLY (added in 14); run it with a short lock_timeout and retries");
                    }

                    break;
                case OtherAction other:
                    Lock(table, other.Lock, rewrite: other.Rewrites);
                    if (other.Rewrites && !isNew)
                    {
                        Emit("TM118", off, $"{other.Words} rewrites {table.Display} under ACCESS EXCLUSIVE: reads and writes wait until it finishes.",
                            LockMode.AccessExclusive, table, rewrite: true, scan: false, "-- no online form: build a new table, copy in batches, swap names");
                    }

                    break;
            }
        }
    }

    private void AnalyzeAddColumn(ObjectName table, AddColumn add, bool isNew)
    {
        var col = add.Column;
        Lock(table, LockMode.AccessExclusive);
        CheckIdentifier(col.Name, col.Offset);
        if (col.Type is not null)
        {
            CheckType(col.Type, col.Name, col.PrimaryKey || col.Generation == Generation.Identity);
        }

        if (col.References is { } refd)
        {
            Lock(refd, LockMode.ShareRowExclusive);
        }

        var serial = col.Type?.Name is "serial" or "bigserial" or "smallserial";
        var rewrite = false;
        if (col.Generation is Generation.Stored or Generation.Identity || serial)
        {
            rewrite = true;
            if (!isNew)
            {
                var what = col.Generation == Generation.Stored ? "a stored generated column" : serial ? $"a {col.Type!.Name} column" : "an identity column";
                Emit("TM114", col.Offset, $"Adding {what} {col.Name} computes a value for every row: {table.Display} is rewritten under ACCESS EXCLUSIVE.",
                    LockMode.AccessExclusive, table, rewrite: true, scan: false,
                    col.Generation == Generation.Stored && PostgresVersion >= 18
                        ? $"ALTER TABLE {table.Display} ADD COLUMN {col.Name} {col.Type?.Display} GENERATED ALWAYS AS (…) VIRTUAL;  -- PostgreSQL 18: no rewrite"
                        : $"ALTER TABLE {table.Display} ADD COLUMN {col.Name} {(serial ? "bigint" : col.Type?.Display)};\n-- fill it in batches (UPDATE … WHERE id BETWEEN …), then set the default/identity in a later migration");
            }
        }
        else if (col.Default is not null)
        {
            var volatileDefault = TypeChanges.IsVolatileDefault(col.Default, out var fn);
            if (volatileDefault || PostgresVersion < 11)
            {
                rewrite = true;
                if (!isNew)
                {
                    var why = volatileDefault ? $"the default calls {fn}(), which is volatile (or not known to be stable), so every row gets its own value" : $"before PostgreSQL 11 every default is written into every row (target: {PostgresVersion})";
                    Emit("TM113", col.Offset, $"Adding {col.Name} with DEFAULT {col.Default} rewrites {table.Display} under ACCESS EXCLUSIVE: {why}.",
                        LockMode.AccessExclusive, table, rewrite: true, scan: false,
                        $"ALTER TABLE {table.Display} ADD COLUMN {col.Name} {col.Type?.Display};\nALTER TABLE {table.Display} ALTER COLUMN {col.Name} SET DEFAULT {col.Default};  -- new rows only\n-- backfill existing rows in batches:\nUPDATE {table.Display} SET {col.Name} = {col.Default} WHERE {col.Name} IS NULL AND id BETWEEN $1 AND $2;");
                }
            }
        }

        if (rewrite)
        {
            Lock(table, LockMode.AccessExclusive, rewrite: true);
        }

        if (col.NotNull && col.Default is null && col.Generation == Generation.None && !serial && !isNew)
        {
            Emit("TM209", col.Offset, $"{col.Name} is NOT NULL without a default: the ALTER fails if {table.Display} has rows, and INSERTs of the running release (which do not set it) fail after it.",
                LockMode.AccessExclusive, table, false, false,
                $"ALTER TABLE {table.Display} ADD COLUMN {col.Name} {col.Type?.Display} NOT NULL DEFAULT <value>;  -- a constant default: no rewrite from PostgreSQL 11");
        }

        if (col.PrimaryKey || col.Unique)
        {
            AnalyzeAddConstraint(table, new ConstraintDef(col.PrimaryKey ? ConstraintKind.PrimaryKey : ConstraintKind.Unique, null, false, false, [col.Name], null, col.Name, col.Offset), isNew, col.Offset);
        }

        if (col.References is not null && !isNew)
        {
            AnalyzeAddConstraint(table, new ConstraintDef(ConstraintKind.ForeignKey, null, false, false, [col.Name], col.References, col.Name, col.Offset), isNew, col.Offset);
        }

        if (col.Check && !isNew)
        {
            AnalyzeAddConstraint(table, new ConstraintDef(ConstraintKind.Check, null, false, false, [col.Name], null, col.Name, col.Offset), isNew, col.Offset);
        }
    }
}
