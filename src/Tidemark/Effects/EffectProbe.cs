using Npgsql;
using Tidemark.Sql;

namespace Tidemark.Effects;

/// <summary>Whether a statement's effect is already in the database: yes, no, or unknown (Tidemark cannot read it from the catalog).</summary>
internal enum EffectState
{
    Present,
    Absent,
    Unknown,
}

/// <summary>What the catalog says about one statement's effect, with the sentence that says why.</summary>
internal sealed record EffectCheck(EffectState State, string Note);

/// <summary>
/// Read-only: asks the catalog whether the effect of one statement already exists (a column added, a
/// constraint there, an enum value present, a renamed column under its new name, a dropped table gone).
/// Used to complete a half-applied migration statement by statement: what is present is skipped, the rest
/// runs, and the result is verified against the schema the migration produces before it is recorded.
/// Unlike <see cref="ResumeVerifier"/> it never changes anything (no INVALID index is dropped here).
/// </summary>
internal static class EffectProbe
{
    public static async Task<EffectCheck> CheckAsync(NpgsqlConnection connection, SqlStatement statement, CancellationToken ct)
    {
        var t = StatementTarget.Of(statement);
        switch (t.Kind)
        {
            case TargetKind.CreateRelation:
                return await Exists("SELECT to_regclass($1) IS NOT NULL", t.QualifiedText!)
                    ? new(EffectState.Present, $"{t.RelationKind} {t.QualifiedText} already exists")
                    : new(EffectState.Absent, $"{t.RelationKind} {t.QualifiedText} does not exist yet");
            case TargetKind.CreateIndex when t.Name is not null:
                return await Exists("SELECT EXISTS (SELECT FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $2 AND i.indrelid = to_regclass($1) AND i.indisvalid)", t.Table!, t.Name)
                    ? new(EffectState.Present, $"index {t.Name} already exists on {t.Table} and is valid")
                    : new(EffectState.Absent, $"index {t.Name} does not exist on {t.Table} (or is INVALID)");
            case TargetKind.DropIndex or TargetKind.DropTable:
                return await Exists("SELECT to_regclass($1) IS NULL", t.QualifiedText!)
                    ? new(EffectState.Present, $"{t.RelationKind} {t.QualifiedText} is already gone")
                    : new(EffectState.Absent, $"{t.RelationKind} {t.QualifiedText} still exists");
            case TargetKind.AddEnumValue:
                return await Exists("SELECT EXISTS (SELECT FROM pg_enum WHERE enumtypid = to_regtype($1) AND enumlabel = $2)", t.QualifiedText!, t.Label!)
                    ? new(EffectState.Present, $"enum {t.QualifiedText} already has the value '{t.Label}'")
                    : new(EffectState.Absent, $"enum {t.QualifiedText} does not have '{t.Label}' yet");
            case TargetKind.CreateType:
                return await Exists("SELECT to_regtype($1) IS NOT NULL", t.QualifiedText!)
                    ? new(EffectState.Present, $"type {t.QualifiedText} already exists")
                    : new(EffectState.Absent, $"type {t.QualifiedText} does not exist yet");
            case TargetKind.AddColumn:
                return await ColumnExists(t.Table!, t.Name!)
                    ? new(EffectState.Present, $"column {t.Table}.{t.Name} already exists")
                    : new(EffectState.Absent, $"column {t.Table}.{t.Name} does not exist yet");
            case TargetKind.DropColumn:
                return await ColumnExists(t.Table!, t.Name!)
                    ? new(EffectState.Absent, $"column {t.Table}.{t.Name} still exists")
                    : new(EffectState.Present, $"column {t.Table}.{t.Name} is already gone");
            case TargetKind.RenameColumn:
                var oldThere = await ColumnExists(t.Table!, t.Name!);
                var newThere = await ColumnExists(t.Table!, t.Label!);
                return !oldThere && newThere
                    ? new(EffectState.Present, $"column {t.Table}.{t.Name} is already named {t.Label}")
                    : new(EffectState.Absent, $"column {t.Table}.{t.Name} is not renamed to {t.Label} yet");
            case TargetKind.AddConstraint:
                return await ConstraintExists(t.Table!, t.Name!)
                    ? new(EffectState.Present, $"constraint {t.Name} already exists on {t.Table}")
                    : new(EffectState.Absent, $"constraint {t.Name} does not exist on {t.Table} yet");
            case TargetKind.DropConstraint:
                return await ConstraintExists(t.Table!, t.Name!)
                    ? new(EffectState.Absent, $"constraint {t.Name} still exists on {t.Table}")
                    : new(EffectState.Present, $"constraint {t.Name} is already gone from {t.Table}");
            case TargetKind.Idempotent:
                return new(EffectState.Absent, "safe to repeat (IF [NOT] EXISTS / OR REPLACE)");
            default:
                return new(EffectState.Unknown, "Tidemark cannot read this statement's effect from the catalog");
        }

        Task<bool> Exists(string sql, params string[] args) => ResumeVerifier.ScalarAsync<bool>(connection, sql, ct, args);

        Task<bool> ColumnExists(string table, string column) => Exists(
            "SELECT EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = $2 AND attnum > 0 AND NOT attisdropped)", table, column);

        Task<bool> ConstraintExists(string table, string name) => Exists(
            "SELECT EXISTS (SELECT FROM pg_constraint WHERE conrelid = to_regclass($1) AND conname = $2)", table, name);
    }

    /// <summary>Statements that destroy rows or values when they run: DROP TABLE/COLUMN, TRUNCATE, DELETE, a column type change.</summary>
    public static bool LosesData(SqlStatement statement)
    {
        var t = StatementTarget.Of(statement);
        if (t.Kind is TargetKind.DropColumn or TargetKind.DropTable)
        {
            return true;
        }

        var k = statement.Keyword;
        if (k is "TRUNCATE" or "DELETE" or "DROP TABLE" or "DROP SCHEMA" or "DROP TYPE" or "DROP MATERIALIZED VIEW")
        {
            return true;
        }

        var text = statement.Text;
        return k == "ALTER TABLE"
            && (System.Text.RegularExpressions.Regex.IsMatch(text, @"\bDROP\s+(COLUMN\b|(?!CONSTRAINT\b|DEFAULT\b|NOT\b|IDENTITY\b|EXPRESSION\b)\w)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
                || System.Text.RegularExpressions.Regex.IsMatch(text, @"\bALTER\s+(COLUMN\s+)?\S+\s+(SET\s+DATA\s+)?TYPE\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
    }
}
