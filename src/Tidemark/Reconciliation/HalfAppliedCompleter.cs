using Microsoft.Extensions.Logging;
using Npgsql;
using Tidemark.Catalog;
using Tidemark.Diff;
using Tidemark.History;
using Tidemark.Sources;

namespace Tidemark.Reconciliation;

/// <summary>
/// Completes a half-applied migration (<see cref="ReconcilePolicy.Apply"/>): finds the migration j whose own
/// changes explain every difference between the live schema and the schema after j, applies only that
/// difference (refusing data loss unless allowed), verifies the result by fingerprint before committing, and
/// records 1..j as adopted with an event saying what was executed.
/// </summary>
internal sealed class HalfAppliedCompleter(MigratorOptions options, ILogger logger)
{
    public async Task<IReadOnlyList<AdoptedMigration>?> TryAsync(
        NpgsqlConnection work, MigrationSet source, SchemaModel live, AdoptionFingerprints fingerprints, SchemaScope scope, Adoption adoption, CancellationToken ct)
    {
        var replay = await fingerprints.FullReplayAsync(source.Versioned.Count, ct).ConfigureAwait(false);
        if (replay is null)
        {
            return null;
        }

        var j = FindHalfApplied(live, replay);
        if (j is null)
        {
            return null;
        }

        var migration = source.Versioned[j.Value - 1];
        // New tables come out with their columns in creation order; existing tables keep the live
        // order (column order alone is not a difference, and ALTER TABLE can only append).
        var target = AlignColumns(replay.ModelAsCreatedAfter(j.Value)!, live);
        var diff = SchemaDiffer.Diff(live, target);
        if (!diff.Unsupported.IsDefaultOrEmpty)
        {
            throw new AdoptionRefusedException(
                $"{migration.Label} is half-applied, but completing it needs changes Tidemark cannot make; nothing was changed:",
                migration.Version, [.. diff.Unsupported], $"Complete {migration.Path} by hand, then run `tidemark migrate` again.");
        }

        if (diff.Hazards.HasFlag(Hazards.DataLoss) && !options.AllowDataLoss)
        {
            throw new AdoptionRefusedException(
                $"{migration.Label} is half-applied; completing it would lose data, so nothing was changed. The changes it needs:",
                migration.Version, [.. diff.Changes.Select(c => c.Description + ": " + c.Sql)],
                "Check the listed changes; allow them with --allow-data-loss (AllowDataLoss), or complete the migration by hand.");
        }

        await ExecuteAsync(work, diff, target, replay.FingerprintAfter(j.Value)!, scope, migration, ct).ConfigureAwait(false);
        var statements = string.Join("; ", diff.Changes.Select(c => c.Sql));
        AdoptionLog.Reconciled(logger, migration.Version, diff.Changes.Length, statements);
        var rows = source.Versioned.Take(j.Value).Select((m, i) => (m, replay.FingerprintAfter(i + 1))).ToList();
        return await adoption.AdoptAsync(work, source, rows, "adopted", ct,
            $"{migration.Version} was half-applied and was completed by executing {diff.Changes.Length} statement(s): {statements}").ConfigureAwait(false);
    }

    /// <summary>The largest j whose own changes (schema after j-1 → after j) cover every difference between the live schema and the schema after j.</summary>
    private static int? FindHalfApplied(SchemaModel live, Shadow.ReplayResult replay)
    {
        for (var j = replay.After.Count; j >= 1; j--)
        {
            var gap = SchemaDifferences.ChangedKeys(live, replay.ModelAfter(j)!);
            if (gap.Count == 0)
            {
                continue;
            }

            var footprint = SchemaDifferences.ChangedKeys(replay.ModelAfter(j - 1)!, replay.ModelAfter(j)!);
            if (gap.IsSubsetOf(footprint) && SchemaDifferences.ChangedKeys(live, replay.ModelAfter(j - 1)!).Count > 0)
            {
                return j;
            }
        }

        return null;
    }

    /// <summary>Runs the changes in one transaction (committing after statements that need it) and verifies the result before the last commit.</summary>
    private static async Task ExecuteAsync(NpgsqlConnection work, SchemaDiff diff, SchemaModel target, string expected, SchemaScope scope, Migration migration, CancellationToken ct)
    {
        var tx = await work.BeginTransactionAsync(ct).ConfigureAwait(false);
        try
        {
            foreach (var change in diff.Changes)
            {
                await using (var cmd = new NpgsqlCommand(change.Sql, work, tx))
                {
                    await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                if (change.RequiresCommit)
                {
                    await tx.CommitAsync(ct).ConfigureAwait(false);
                    await tx.DisposeAsync().ConfigureAwait(false);
                    tx = await work.BeginTransactionAsync(ct).ConfigureAwait(false);
                }
            }

            var after = scope.Apply(await new CatalogReader().ReadAsync(work, scope.CatalogOptions, ct).ConfigureAwait(false));
            if (Fingerprint.Compute(after) != expected)
            {
                await tx.RollbackAsync(ct).ConfigureAwait(false);
                throw new AdoptionRefusedException(
                    $"Completing {migration.Label} did not produce the schema the migration produces; the changes were rolled back. Remaining differences:",
                    migration.Version, [.. SchemaDifferences.Describe(after, target, $"after migration {migration.Version}")], $"Complete {migration.Path} by hand, then run `tidemark migrate` again.");
            }

            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            await tx.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Columns of tables that exist in <paramref name="live"/> in the live order, new columns appended in creation order.</summary>
    private static SchemaModel AlignColumns(SchemaModel target, SchemaModel live)
    {
        var liveTables = live.Tables.ToDictionary(t => t.Name);
        return target with
        {
            Tables = [.. target.Tables.Select(t =>
            {
                if (!liveTables.TryGetValue(t.Name, out var existing))
                {
                    return t;
                }

                var rank = existing.Columns.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
                return t with
                {
                    Columns = [.. t.Columns.Select((c, i) => (c, key: rank.TryGetValue(c.Name, out var r) ? r : existing.Columns.Count + i)).OrderBy(x => x.key).Select(x => x.c)],
                };
            })],
        };
    }
}
