using System.Diagnostics;
using Npgsql;
using Tidemark.Catalog;
using Tidemark.Sql;
using Tidemark.Sources;

namespace Tidemark.Effects;

/// <summary>Whether the in-flight statement of an interrupted migration must run again.</summary>
internal enum ResumeAction
{
    Run,
    Skip,
}

/// <summary>What the catalog showed about the in-flight statement, and what to do.</summary>
internal sealed record ResumeDecision(ResumeAction Action, string Note);

/// <summary>
/// Before a non-transactional migration resumes at statement <c>statements_done + 1</c>, checks
/// the catalog for what that statement (the one in flight when the run stopped) already did, so
/// nothing is re-run blindly: an INVALID index left by an interrupted CREATE INDEX CONCURRENTLY is
/// dropped and rebuilt, a VALID one is kept, an enum value already added is skipped, a table that
/// exists is kept only when a trial build of the statement gives the same columns.
/// </summary>
internal static class ResumeVerifier
{
    private static readonly TimeSpan BuildWait = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Makes the server end a statement soon after its client disappears (PostgreSQL 14+), so a
    /// killed runner's CREATE INDEX CONCURRENTLY does not run on unattended.
    /// </summary>
    public static async Task PrepareSessionAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        if (connection.PostgreSqlVersion.Major >= 14)
        {
            await using var cmd = new NpgsqlCommand("SET client_connection_check_interval = 250", connection);
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    public static async Task<ResumeDecision> CheckAsync(NpgsqlConnection connection, PreparedMigration prepared, int index, CancellationToken ct)
    {
        var statement = prepared.Statements[index];
        var target = StatementTarget.Of(statement);
        var label = $"statement {index + 1} ({(statement.Keyword.Length == 0 ? "SQL" : statement.Keyword)})";
        return target.Kind switch
        {
            TargetKind.CreateIndex when target.Name is null => await CheckUnnamedIndexAsync(connection, prepared, index, target, label, ct).ConfigureAwait(false),
            TargetKind.CreateIndex => await CheckIndexAsync(connection, target, label, ct).ConfigureAwait(false),
            TargetKind.DropIndex => await ScalarAsync<bool>(connection, "SELECT to_regclass($1) IS NULL", ct, target.QualifiedText!).ConfigureAwait(false)
                ? new ResumeDecision(ResumeAction.Skip, $"{label}: index {target.QualifiedText} no longer exists, so the drop already happened; skipped")
                : new ResumeDecision(ResumeAction.Run, $"{label}: index {target.QualifiedText} still exists; running the drop"),
            TargetKind.AddEnumValue => await ScalarAsync<bool>(connection,
                    "SELECT EXISTS (SELECT FROM pg_enum WHERE enumtypid = to_regtype($1) AND enumlabel = $2)", ct, target.QualifiedText!, target.Label!).ConfigureAwait(false)
                ? new ResumeDecision(ResumeAction.Skip, $"{label}: enum {target.QualifiedText} already has the value '{target.Label}'; skipped")
                : new ResumeDecision(ResumeAction.Run, $"{label}: enum {target.QualifiedText} does not have '{target.Label}' yet; running it"),
            TargetKind.CreateRelation => await CheckRelationAsync(connection, prepared, index, target, label, ct).ConfigureAwait(false),
            TargetKind.Idempotent => new ResumeDecision(ResumeAction.Run, $"{label} is safe to repeat (IF [NOT] EXISTS / OR REPLACE); running it again"),
            _ => new ResumeDecision(ResumeAction.Run,
                $"{label}: Tidemark cannot read its effect from the catalog; running it again (an interrupted single statement commits all or nothing)"),
        };
    }

    private static async Task<ResumeDecision> CheckIndexAsync(NpgsqlConnection connection, StatementTarget target, string label, CancellationToken ct)
    {
        var table = target.Table!;
        await WaitForOtherBuildsAsync(connection, table, ct).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand(
            """
            SELECT i.indisvalid, i.indisready, n.nspname, pg_get_indexdef(c.oid)
            FROM pg_class c
            JOIN pg_index i ON i.indexrelid = c.oid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relname = $2 AND i.indrelid = to_regclass($1)
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = table });
        cmd.Parameters.Add(new NpgsqlParameter { Value = target.Name! });
        bool valid;
        string schema, definition;
        await using (var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                return new ResumeDecision(ResumeAction.Run, $"{label}: index {target.Name} does not exist on {table}; building it");
            }

            valid = reader.GetBoolean(0) && reader.GetBoolean(1);
            schema = reader.GetString(2);
            definition = reader.GetString(3);
        }

        if (valid)
        {
            return new ResumeDecision(ResumeAction.Skip, $"{label}: index {target.Name} already exists and is valid ({definition}); skipped");
        }

        var qualified = Identifiers.Quote(schema) + "." + Identifiers.Quote(target.Name!);
        await using (var drop = new NpgsqlCommand($"DROP INDEX CONCURRENTLY IF EXISTS {qualified}", connection))
        {
            drop.CommandTimeout = 0;
            await drop.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        return new ResumeDecision(ResumeAction.Run,
            $"{label}: index {target.Name} was INVALID (left by an interrupted CREATE INDEX CONCURRENTLY); dropped it with DROP INDEX CONCURRENTLY and building it again");
    }

    private static async Task<ResumeDecision> CheckUnnamedIndexAsync(
        NpgsqlConnection connection, PreparedMigration prepared, int index, StatementTarget target, string label, CancellationToken ct)
    {
        await WaitForOtherBuildsAsync(connection, target.Table!, ct).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand(
            "SELECT coalesce(string_agg(c.relname, ', '), '') FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass($1) AND NOT i.indisvalid",
            connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = target.Table! });
        var invalid = (string)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        if (invalid.Length > 0)
        {
            throw new RecoveryRefusedException(
                $"Cannot resume {prepared.Migration.Label} at statement {index + 1} of {prepared.Migration.Path}: it creates an unnamed index on {target.Table}, " +
                $"and {target.Table} has INVALID index(es) {invalid}, which may be what the interrupted run left; Tidemark cannot prove which.",
                $"Drop the invalid index(es) with DROP INDEX CONCURRENTLY {invalid}; then run `tidemark migrate` again (better: give the index a name in the migration).");
        }

        return new ResumeDecision(ResumeAction.Run, $"{label}: unnamed index on {target.Table}, no invalid index there; building it");
    }

    private static async Task<ResumeDecision> CheckRelationAsync(
        NpgsqlConnection connection, PreparedMigration prepared, int index, StatementTarget target, string label, CancellationToken ct)
    {
        var qualified = target.QualifiedText!;
        if (!await ScalarAsync<bool>(connection, "SELECT to_regclass($1) IS NOT NULL", ct, qualified).ConfigureAwait(false))
        {
            return new ResumeDecision(ResumeAction.Run, $"{label}: {target.RelationKind} {qualified} does not exist; creating it");
        }

        var statement = prepared.Statements[index];
        var same = qualified.Contains('.', StringComparison.Ordinal)
            ? (bool?)null
            : await RelationDefinitions.TrialMatchesAsync(connection, statement.Text, target.Name!, ct).ConfigureAwait(false);
        if (same == true)
        {
            return new ResumeDecision(ResumeAction.Skip,
                $"{label}: {target.RelationKind} {qualified} already exists with exactly the columns this statement creates; skipped");
        }

        var why = same is null ? "its name is schema-qualified, so Tidemark cannot build a copy to compare" : "its columns differ from what this statement creates";
        throw new RecoveryRefusedException(
            $"Cannot resume {prepared.Migration.Label} at statement {index + 1} of {prepared.Migration.Path}: {target.RelationKind} {qualified} already exists, " +
            $"and Tidemark cannot prove it is the one this statement creates ({why}).",
            $"Inspect {qualified}: if it is the intended object, mark the statement done with `tidemark resolve {prepared.Migration.Version} --applied` " +
            "(when it was the last one) or drop it and run `tidemark migrate` again.");
    }

    /// <summary>A CREATE INDEX of a killed runner may still be running on the server: wait for it before reading the catalog.</summary>
    private static async Task WaitForOtherBuildsAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < BuildWait
               && await ScalarAsync<bool>(connection,
                   "SELECT EXISTS (SELECT FROM pg_stat_progress_create_index WHERE relid = to_regclass($1) AND pid <> pg_backend_pid())", ct, table).ConfigureAwait(false))
        {
            await Task.Delay(100, ct).ConfigureAwait(false);
        }
    }

    internal static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct, params string[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        foreach (var a in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        }

        return (T)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }
}
