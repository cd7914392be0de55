using Microsoft.Extensions.Logging;
using Npgsql;
using Tidemark.Catalog;
using Tidemark.History;
using Tidemark.History.Foreign;
using Tidemark.Planning;
using Tidemark.Sources;
using Tidemark.Text;

namespace Tidemark.Reconciliation;

/// <summary>
/// Structural adoption, when the database has no history at all (neither Tidemark's nor another tool's nor a
/// hand-made one): records as adopted the longest prefix of the migrations the schema already reflects
/// (nothing executed), or completes a half-applied one with <see cref="ReconcilePolicy.Apply"/>, or refuses
/// with the exact differences. Also writes imported rows for <see cref="Reconciler"/>.
/// </summary>
internal sealed class Adoption(MigratorOptions options, HistoryStore history, ILogger logger)
{
    private readonly CatalogReader _reader = new();

    /// <summary>Round trips of the catalog reads this instance made (for tests and benchmarks).</summary>
    public int CatalogReads { get; private set; }

    public async Task<ExistingDatabaseOutcome> PrepareAsync(
        NpgsqlConnection work, MigrationSet source, HistorySnapshot snapshot, SchemaScope scope, AdoptionFingerprints fingerprints,
        List<string> warnings, bool write, CancellationToken ct)
    {
        var live = scope.Apply(await ReadAsync(work, scope, ct).ConfigureAwait(false));
        var liveFingerprint = Fingerprint.Compute(live);
        ExistingDatabaseOutcome Outcome(HistorySnapshot h, ReconciliationCase c, string reason, IReadOnlyList<AdoptedMigration>? adopted = null) =>
            new(h, scope, adopted ?? [], [], warnings, null) { Report = new ReconciliationReport(c, null, 0, adopted is { Count: > 0 } a ? a[^1].Version : null, reason) };

        if (!options.AdoptExisting || !SchemaScope.HasUserObjects(live, options.TenantSchema))
        {
            return Outcome(snapshot, ReconciliationCase.Empty, SchemaScope.HasUserObjects(live)
                ? "No migration history; adoption is off (--no-adopt), so every migration runs as written."
                : "No migration history and no objects: every migration runs as written.");
        }

        var summary = await SchemaSummary.ComputeAsync(work, scope, ct).ConfigureAwait(false);
        var match = await fingerprints.LongestMatchAsync(liveFingerprint, summary, ct).ConfigureAwait(false);
        if (match is null && fingerprints.ReplayFailed)
        {
            // The migrations build on objects they do not create (a baseline made another way): adoption cannot
            // apply, so they run as written, as any migration tool would run them.
            var message = $"The database holds objects but none was adopted: {fingerprints.ShadowProblem} The migrations run as written.";
            AdoptionLog.Integrity(logger, message);
            warnings.Add(message);
            return Outcome(snapshot, ReconciliationCase.Empty, message);
        }

        var (matched, known) = match ?? throw new AdoptionRefusedException(
                "The database already holds objects and no migration history was found (no Tidemark history, no other tool's, no hand-made one), " +
                "but the effect of the migrations cannot be learned: " + Why(fingerprints) + ".",
                null, [],
                (options.TenantSchema is null ? "Commit an integrity file made by `tidemark hash`, or give" : "Give") +
                " a shadow database with --shadow-url (or grant CREATEDB so a temporary one can be made); " +
                "to run the migrations as written without adoption, set AdoptExisting = false (--no-adopt).");
        if (matched >= 1)
        {
            var rows = source.Versioned.Take(matched).Select((m, i) => (m, known[i + 1])).ToList();
            var reason = $"No migration history; the schema is exactly the one after {source.Versioned[matched - 1].Version} ({source.Versioned[matched - 1].File}): {Words.Count(matched, "migration")} adopted, nothing executed.";
            if (!write)
            {
                return Outcome(Reconciler.Virtual(snapshot, rows.Select(r => r.m), HistoryKinds.Adopted, "catalog"), ReconciliationCase.Adopted, reason,
                    [.. rows.Select(r => new AdoptedMigration(r.m.Version, r.m.Name, "catalog"))]);
            }

            var adopted = await AdoptAsync(work, source, rows, "adopted", ct).ConfigureAwait(false);
            return Outcome(await history.ReadAsync(work, ct).ConfigureAwait(false), ReconciliationCase.Adopted, reason, adopted);
        }

        if (options.Reconcile == ReconcilePolicy.Apply && write)
        {
            var reconciled = await new HalfAppliedCompleter(options, logger).TryAsync(work, source, live, fingerprints, scope, this, ct).ConfigureAwait(false);
            if (reconciled is not null)
            {
                return Outcome(await history.ReadAsync(work, ct).ConfigureAwait(false), ReconciliationCase.HalfAppliedNext,
                    $"No migration history; {reconciled[^1].Version} was half-applied and was completed.", reconciled);
            }
        }

        var refusal = await RefusalAsync(live, source, fingerprints, ct).ConfigureAwait(false);
        if (write)
        {
            throw refusal;
        }

        return new ExistingDatabaseOutcome(snapshot, scope, [], [], warnings, null)
        {
            Report = new ReconciliationReport(ReconciliationCase.Drift, null, 0, refusal.ClosestVersion, refusal.Message.Split('\n')[0]) { Differences = refusal.Differences },
        };
    }

    /// <summary>Records what another tool's (or a team's) history says was applied, without re-running it.</summary>
    public Task<IReadOnlyList<AdoptedMigration>> ImportAsync(
        NpgsqlConnection work, MigrationSet source, IReadOnlyList<(Migration Migration, string? Fingerprint)> rows, ForeignHistoryTable table, bool syncDrizzle, CancellationToken ct) =>
        AdoptAsync(work, source, rows, table.Display, ct, syncDrizzle: syncDrizzle);

    private async Task<SchemaModel> ReadAsync(NpgsqlConnection work, SchemaScope scope, CancellationToken ct)
    {
        var model = await _reader.ReadAsync(work, scope.CatalogOptions, ct).ConfigureAwait(false);
        CatalogReads += _reader.LastRoundTrips;
        return model;
    }

    /// <summary>Writes the adopted rows and their event; <paramref name="from"/> is "adopted" or the foreign table.</summary>
    internal async Task<IReadOnlyList<AdoptedMigration>> AdoptAsync(
        NpgsqlConnection work, MigrationSet source, IReadOnlyList<(Migration Migration, string? Fingerprint)> rows, string from, CancellationToken ct, string? extra = null, bool syncDrizzle = true)
    {
        var first = rows[0].Migration;
        var last = rows[^1].Migration;
        var range = rows.Count == 1 ? first.Version : $"{first.Version}–{last.Version}";
        var message = from == "adopted"
            ? $"Adopted {range} ({Words.Count(rows.Count, "migration")}): the database already reflects {(rows.Count == 1 ? "it" : "them")}; 0 statements executed."
            : $"Imported {rows.Count} migration{(rows.Count == 1 ? "" : "s")} ({range}) from {from}: recorded as applied without re-running.";
        await AdoptionWriter.RecordAsync(work, history, rows,
            new HistoryEvent(HistoryEventKinds.Adopt, last.Version, last.Name, message + (extra is null ? "" : " " + extra), string.Join(", ", rows.Select(r => r.Migration.Version))),
            source.Format, DrizzleHistoryTable.Applies(options, source) && syncDrizzle, from == "adopted" ? "catalog" : from, ct).ConfigureAwait(false);
        if (from == "adopted")
        {
            AdoptionLog.Adopted(logger, rows.Count, first.Version, last.Version);
        }
        else
        {
            AdoptionLog.Imported(logger, rows.Count, first.Version, last.Version, from);
        }

        return [.. rows.Select(r => new AdoptedMigration(r.Migration.Version, r.Migration.Name, from == "adopted" ? "catalog" : from))];
    }

    private static async Task<AdoptionRefusedException> RefusalAsync(SchemaModel live, MigrationSet source, AdoptionFingerprints fingerprints, CancellationToken ct)
    {
        var next = "Bring the database to the state after one migration (or change the migrations), or allow Tidemark to complete a half-applied migration with --reconcile; " +
            "if a table of the database records which migrations ran, it is recognised as a history when every row names a migration file of the folder.";
        var replay = await fingerprints.FullReplayAsync(source.Versioned.Count, ct).ConfigureAwait(false);
        if (replay is null)
        {
            return new AdoptionRefusedException(
                "The database already holds objects, no migration history was found (no Tidemark history, no other tool's, no hand-made one), and its schema matches no prefix of the migrations; nothing was changed. " +
                $"The exact differences need a shadow database ({fingerprints.ShadowProblem}).", null, [], next);
        }

        var best = Enumerable.Range(0, replay.After.Count + 1)
            .Select(k => (k, d: SchemaDifferences.Describe(live, replay.ModelAfter(k)!, k == 0 ? "in an empty database" : $"after migration {source.Versioned[k - 1].Version}")))
            .OrderBy(x => x.d.Count).ThenByDescending(x => x.k).First();
        var closest = best.k == 0 ? null : source.Versioned[best.k - 1].Version;

        // Tables no migration ever creates (an old hand-made history table, say) can be left alone explicitly.
        var everCreated = Enumerable.Range(1, replay.After.Count).SelectMany(k => replay.ModelAfter(k)!.Tables.Select(t => t.Name)).ToHashSet();
        var foreign = live.Tables.Select(t => t.Name).Where(n => !everCreated.Contains(n)).Select(n => n.ToString()).ToList();
        if (foreign.Count > 0)
        {
            next += $" No migration creates {string.Join(", ", foreign)}: if {(foreign.Count == 1 ? "it is" : "they are")} not part of the application's schema "
                + $"(for example an old hand-made migration history), leave {(foreign.Count == 1 ? "it" : "them")} alone with {string.Join(" ", foreign.Select(f => "--ignore-table " + f))}.";
        }

        return new AdoptionRefusedException(
            "The database already holds objects, no migration history was found (no Tidemark history, no other tool's, no hand-made one), and its schema matches no prefix of the migrations; nothing was changed. " +
            $"Closest: {(closest is null ? "the empty schema" : $"the schema after {source.Versioned[best.k - 1].Label}")}, which differs by:",
            closest, best.d, next);
    }

    internal static string Why(AdoptionFingerprints f) =>
        (f.Integrity is not null ? f.Integrity.Problem ?? "the integrity file does not cover the migrations"
            : f.Tenant is { } tenant ? $"{IntegrityFile.FileName} is not used for a tenant's schema ({tenant}): it describes the migrations run in the default schema"
            : $"no {IntegrityFile.FileName} in the migrations folder")
        + (f.ShadowProblem is null ? "" : "; " + f.ShadowProblem);

    /// <summary>The count of migrations up to and including <paramref name="m"/>.</summary>
    internal static int IndexAfter(MigrationSet source, Migration m)
    {
        for (var i = 0; i < source.Versioned.Count; i++)
        {
            if (ReferenceEquals(source.Versioned[i], m))
            {
                return i + 1;
            }
        }

        return 0;
    }
}
