using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tidemark.Catalog;
using Tidemark.Effects;
using Tidemark.History;
using Tidemark.History.Foreign;
using Tidemark.Sources;
using Tidemark.Sql;
using Tidemark.Text;

namespace Tidemark.Reconciliation;

/// <summary>
/// Completes a half-applied migration statement by statement: a statement whose effect the catalog already
/// shows (<see cref="EffectProbe"/>) is skipped, the others run. A transactional migration completes in one
/// transaction, and the schema is verified against the one the migration produces (by fingerprint) before
/// anything is committed, so a completion either ends exactly where the migration ends or leaves no trace.
/// What remains to run is checked for data loss first and refused (with the exact statements) unless allowed.
/// </summary>
internal sealed class NextMigrationCompleter(MigratorOptions options, HistoryStore history, ILogger logger, SchemaScope scope)
{
    // Errors that say an object a statement creates is already there (or one it drops/renames is gone).
    private static readonly HashSet<string> AlreadyDone = ["42P07", "42701", "42710", "42P06", "42723", "42P16", "42703", "42704", "42P01"];

    /// <summary>Read-only: what each statement would do ("skipped: …" / "would run: …").</summary>
    public static async Task<IReadOnlyList<string>> PreviewAsync(NpgsqlConnection work, Migration migration, CancellationToken ct)
    {
        var notes = new List<string>();
        var prepared = PreparedMigration.Prepare(migration);
        for (var i = 0; i < prepared.Statements.Count; i++)
        {
            var s = prepared.Statements[i];
            var check = await EffectProbe.CheckAsync(work, s, ct).ConfigureAwait(false);
            notes.Add($"{Where(migration, prepared, i)}: {check.Note}; " + (check.State == EffectState.Present ? "would be skipped" : "would run"));
        }

        return notes;
    }

    /// <summary>Throws when a statement that still has to run loses data and <see cref="MigratorOptions.AllowDataLoss"/> is off.</summary>
    public async Task<IReadOnlyList<string>> CheckDataLossAsync(NpgsqlConnection work, Migration migration, CancellationToken ct)
    {
        var prepared = PreparedMigration.Prepare(migration);
        var losing = new List<string>();
        for (var i = 0; i < prepared.Statements.Count; i++)
        {
            var s = prepared.Statements[i];
            if (EffectProbe.LosesData(s) && (await EffectProbe.CheckAsync(work, s, ct).ConfigureAwait(false)).State != EffectState.Present)
            {
                losing.Add($"{Where(migration, prepared, i)}: {OneLine(s.Text)}");
            }
        }

        if (losing.Count > 0 && !options.AllowDataLoss)
        {
            throw new AdoptionRefusedException(
                $"{migration.File} is half-applied; the statements that remain to complete it would lose data, so nothing was changed:",
                migration.Version, losing,
                "Check the listed statements; allow them with --allow-data-loss (AllowDataLoss), or complete the migration by hand and run again.");
        }

        return losing;
    }

    /// <summary>Runs what is missing, verifies the schema, records the migration (and drizzle's row); returns one note per statement.</summary>
    public async Task<IReadOnlyList<string>> CompleteAsync(
        NpgsqlConnection work, MigrationSet source, Migration migration, string expected, SchemaModel expectedModel, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var prepared = PreparedMigration.Prepare(migration);
        var notes = new List<string>();
        var executed = 0;
        var drizzle = DrizzleHistoryTable.Applies(options, source) ? await DrizzleHistoryTable.EnsureAsync(work, source.Format, ct).ConfigureAwait(false) : null;
        var tx = prepared.Transactional ? await work.BeginTransactionAsync(ct).ConfigureAwait(false) : null;
        try
        {
            for (var i = 0; i < prepared.Statements.Count; i++)
            {
                var s = prepared.Statements[i];
                var where = Where(migration, prepared, i);
                var check = await EffectProbe.CheckAsync(work, s, ct).ConfigureAwait(false);
                if (check.State == EffectState.Present)
                {
                    notes.Add($"{where}: {check.Note}; skipped");
                    continue;
                }

                if (tx is not null)
                {
                    await tx.SaveAsync("tidemark_statement", ct).ConfigureAwait(false);
                }

                try
                {
                    await using var cmd = new NpgsqlCommand(s.Text, work, tx) { CommandTimeout = 0 };
                    await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    executed++;
                    notes.Add($"{where}: {check.Note}; executed");
                }
                catch (PostgresException ex) when (tx is not null && check.State == EffectState.Unknown && AlreadyDone.Contains(ex.SqlState))
                {
                    // The catalog cannot say what this statement does, and PostgreSQL says its object is already
                    // there (or already gone): taken as done, and proven or disproven by the verification below.
                    await tx.RollbackAsync("tidemark_statement", ct).ConfigureAwait(false);
                    notes.Add($"{where}: {ex.SqlState} {ex.MessageText}: its effect is already there; skipped");
                }
                catch (PostgresException ex)
                {
                    throw new AdoptionRefusedException(
                        $"Completing the half-applied {migration.File} failed at {where}: {ex.SqlState}: {ex.MessageText}" +
                        (ex.Detail is null ? "" : $" ({ex.Detail})") + (tx is null ? $"; {Words.Count(executed, "statement")} before it ran {(executed == 1 ? "stays" : "stay")} applied." : "; nothing of the completion was kept."),
                        migration.Version, [.. notes, $"{where}: {OneLine(s.Text)}"],
                        $"Complete {migration.File} by hand (the statements above say what is already there), then run again.");
                }
            }

            var after = scope.Apply(await new CatalogReader().ReadAsync(work, scope.CatalogOptions, ct).ConfigureAwait(false));
            if (Fingerprint.Compute(after) != expected)
            {
                throw new AdoptionRefusedException(
                    $"Completing the half-applied {migration.File} did not give the schema it produces" +
                    (tx is null ? "; the statements that ran stay applied. Remaining differences:" : "; the completion was rolled back. Remaining differences:"),
                    migration.Version, SchemaDifferences.Describe(after, expectedModel, $"after {migration.Version} ({migration.File})"),
                    $"Complete {migration.File} by hand, then run again.");
            }

            var summary = $"Completed the half-applied {migration.File}: {Words.Count(prepared.Statements.Count - executed, "statement")} already done and skipped, {executed} executed.";
            await using (var batch = new NpgsqlBatch(work, tx))
            {
                batch.BatchCommands.Add(history.CreateInsertBatchCommand(new HistoryRow(migration.Version, migration.Name, HistoryKinds.Versioned, migration.Checksum,
                    HistoryStatuses.Applied, (int)clock.ElapsedMilliseconds, prepared.Statements.Count, prepared.Statements.Count) { Path = migration.RelativePath, Source = "completed" }));
                batch.BatchCommands.Add(AdoptionWriter.FingerprintUpdate(history, migration.Version, expected));
                if (drizzle is not null)
                {
                    batch.BatchCommands.Add(drizzle.CreateInsert(migration));
                }

                batch.BatchCommands.Add(history.CreateEventBatchCommand(new HistoryEvent(HistoryEventKinds.Adopt, migration.Version, migration.Name, summary, string.Join("\n", notes))));
                await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            if (tx is not null)
            {
                await tx.CommitAsync(ct).ConfigureAwait(false);
            }

            AdoptionLog.Reconciled(logger, migration.Version, executed, string.Join("; ", notes));
            return notes;
        }
        catch
        {
            if (tx is not null && work.State == System.Data.ConnectionState.Open)
            {
                await tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            if (tx is not null)
            {
                await tx.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static string Where(Migration m, PreparedMigration p, int i) =>
        $"{m.File}:{p.Statements[i].Start.Line} statement {i + 1} of {p.Statements.Count}";

    private static string OneLine(string sql)
    {
        var s = string.Join(' ', sql.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return s.Length > 200 ? s[..197] + "..." : s;
    }
}
